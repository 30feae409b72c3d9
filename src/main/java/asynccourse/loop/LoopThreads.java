package asynccourse.loop;

import java.util.concurrent.ThreadFactory;

/**
 * The threads a loop makes: a driver thread per run, and (on the virtual-thread stack) a virtual
 * thread per task's coroutine. None inherits {@code InheritableThreadLocal}s.
 *
 * <p>Threading: the factories are thread-safe. Nulls: arguments must not be null.
 */
final class LoopThreads {
    private LoopThreads() {}

    static final ThreadFactory COROUTINES = Thread.ofVirtual().name("asyncio-task")
            .inheritInheritableThreadLocals(false).factory();

    /**
     * Starts the driver thread of one run: a new thread for every run, never a pooled one, so
     * nothing a run leaves on its thread ({@code ThreadLocal}s, an interrupt, a lock it still
     * holds) can reach a later run, and a run that has returned leaves no thread behind (the
     * caller joins this one). The exception: a run that leaves tasks pending on continuations
     * keeps its driver for the next run or the close of its loop ({@code LoopLifecycle.Driver}),
     * since those tasks' frames must go on on the thread they ran on. On continuations, a platform thread: every coroutine runs mounted on
     * it, so a blocking call in a coroutine blocks just that thread (the loop stalls, as in
     * asyncio) and never a carrier that virtual threads elsewhere need. On virtual threads per task,
     * a virtual thread: with one carrier, the hand-overs then never cross threads. Both are named
     * {@code asyncio-loop} and inherit no {@code InheritableThreadLocal}s. Starting one costs about
     * 0.1 ms (a platform thread, started and joined, warm; measured with JDK 25 on the development
     * machine), paid once per run.
     *
     * @param body the driver's work; it must not let anything escape (the caller catches)
     * @return the started thread
     */
    static Thread startDriver(Runnable body) {
        Thread driver = (Continuations.IN_USE ? PLATFORM_DRIVERS : VIRTUAL_DRIVERS).newThread(body);
        driver.start();
        return driver;
    }

    /** The name of every driver thread, as thread dumps and the contract test see it. */
    static final String DRIVER_NAME = "asyncio-loop";

    private static final ThreadFactory PLATFORM_DRIVERS = Thread.ofPlatform().name(DRIVER_NAME).daemon(true)
            .inheritInheritableThreadLocals(false).factory();
    private static final ThreadFactory VIRTUAL_DRIVERS = Thread.ofVirtual().name(DRIVER_NAME)
            .inheritInheritableThreadLocals(false).factory();
}
