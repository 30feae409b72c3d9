package asynccourse.loop;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Thread bookkeeping of the loop: which coroutine or loop the current thread belongs to, and
 * a count of live coroutine and driver threads (for leak tests).
 */
final class Threads {
    private Threads() {}

    /**
     * The loops running now (copy-on-write; usually zero or one). A thread finds its loop by
     * looking for itself among their driver threads and current tasks: no thread-local (which
     * would cost a map per coroutine thread). Reading another loop's {@code current} races
     * harmlessly: a coroutine thread belongs to one task only, so it can only match its own,
     * which its loop wrote before handing control over (happens-before through the hand-over).
     */
    private static volatile EventLoop[] running = new EventLoop[0];

    static synchronized void register(EventLoop loop) {
        EventLoop[] r = running;
        EventLoop[] n = java.util.Arrays.copyOf(r, r.length + 1);
        n[r.length] = loop;
        running = n;
    }

    static synchronized void unregister(EventLoop loop) {
        EventLoop[] r = running;
        int i = java.util.Arrays.asList(r).indexOf(loop);
        if (i < 0) {
            return;
        }
        EventLoop[] n = new EventLoop[r.length - 1];
        System.arraycopy(r, 0, n, 0, i);
        System.arraycopy(r, i + 1, n, i, r.length - i - 1);
        running = n;
    }

    /** Returns the task whose coroutine runs on the calling thread, or null. */
    static Task<?> currentTaskOrNull() {
        Thread me = Thread.currentThread();
        for (EventLoop l : running) {
            Task<?> c = l.current;
            if (c != null && c.isThread(me)) {
                return c;
            }
        }
        return null;
    }

    /** Tells whether the calling thread is the driver of a running loop. */
    private static EventLoop drivenLoopOrNull() {
        Thread me = Thread.currentThread();
        for (EventLoop l : running) {
            if (l.lifecycle.driverThread == me) {
                return l;
            }
        }
        return null;
    }

    /** Loops that ran, still have pending tasks and were not closed; each warned about once. */
    private static final java.util.Set<EventLoop> UNCLOSED =
            java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private static final java.util.Set<EventLoop> WARNED =
            java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>());

    /** Records whether {@code loop} ran and left pending tasks (true) or was closed (false). */
    static void ranUnclosed(EventLoop loop, boolean pending) {
        synchronized (UNCLOSED) {
            if (pending) {
                UNCLOSED.add(loop);
            } else {
                UNCLOSED.remove(loop);
            }
        }
    }

    /** The unclosed loops other than {@code loop} not warned about yet; marks them warned. */
    static java.util.List<EventLoop> unclosedOtherThan(EventLoop loop) {
        synchronized (UNCLOSED) {
            if (UNCLOSED.isEmpty()) {
                return java.util.List.of();
            }
            java.util.List<EventLoop> r = new java.util.ArrayList<>();
            for (EventLoop l : UNCLOSED) {
                if (l != loop && WARNED.add(l)) {
                    r.add(l);
                }
            }
            return r;
        }
    }

    /** Live coroutines (started and not yet finished: threads or continuations), over all loops. */
    static final AtomicInteger LIVE_COROUTINES = new AtomicInteger();
    /** Live driver threads, over all loops. */
    static final AtomicInteger LIVE_DRIVER_THREADS = new AtomicInteger();

    static final ThreadFactory COROUTINES = Thread.ofVirtual().name("asyncio-task")
            .inheritInheritableThreadLocals(false).factory();

    /**
     * Starts the driver thread of one run: a new thread for every run, never a pooled one, so
     * nothing a run leaves on its thread ({@code ThreadLocal}s, an interrupt, a lock it still
     * holds) can reach a later run, and a run that has returned leaves no thread behind (the
     * caller joins this one). On continuations, a platform thread: every coroutine runs mounted on
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

    /** Returns the loop the current thread runs in (as a coroutine or as the driver), or null. */
    static EventLoop runningLoopOrNull() {
        Thread me = Thread.currentThread();
        for (EventLoop l : running) {
            if (l.lifecycle.driverThread == me) {
                return l;
            }
            Task<?> c = l.current;
            if (c != null && c.isThread(me)) {
                return l;
            }
        }
        return null;
    }

    /** Returns the current task, or throws a clear error naming the operation. */
    static Task<?> currentTask(String operation) {
        Task<?> t = currentTaskOrNull();
        if (t == null) {
            if (drivenLoopOrNull() != null) {
                throw new IllegalStateException(operation + " must be called from a coroutine (a task), "
                        + "not from a plain callback of the event loop");
            }
            throw new IllegalStateException(operation + " must be called from a coroutine running in an event loop: "
                    + "no running event loop in thread " + Thread.currentThread()
                    + " (start one with Asyncio.run(...))");
        }
        return t;
    }
}
