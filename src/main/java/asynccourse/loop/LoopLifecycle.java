package asynccourse.loop;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The lifecycle of one {@link EventLoop}: start a run on a fresh driver thread and wait
 * for it, turn an interrupt of the waiting caller into the cancellation of every task, stop,
 * and close (cancel what is left, run until it has finished, stop the {@code toThread} pool,
 * report failures nobody retrieved). The loop's core ({@code EventLoop.runOnce}) knows nothing
 * of this; the driver thread just calls it until the run is over.
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>{@code running} is set under {@code lock} by the thread that starts a run or a close,
 *       and cleared by it when the driver has ended; so at most one driver runs at a time.</li>
 *   <li>{@code driverThread} is set by the driver as its first action and cleared by it as
 *       its last, before its thread ends and the caller's join returns (volatile: other threads read it to find their loop
 *       and to wake it; a wake-up before it is set is not lost, since the driver looks at its
 *       queue of thread-safe work before it ever waits).</li>
 *   <li>An interrupt of the caller waiting for the driver sets {@code interruptRequested}
 *       (volatile) and sends {@link #cancelForInterrupt} to the loop as a thread-safe callback
 *       (which wakes a waiting loop); the loop then cancels every task once
 *       ({@code interruptHandled}, driver-confined) and runs until none is pending.</li>
 * </ul>
 *
 * <p>Threading: {@link #runUntilComplete} and {@link #close} are called by the loop's owner
 * (not from inside a running loop); {@link #cancelForInterrupt} runs on the driver. Nulls:
 * arguments must not be null.
 */
final class LoopLifecycle {
    private final EventLoop loop;
    /** Guards the lifecycle flags and the executor; private, so no caller can hold it. */
    private final Object lock = new Object();
    private volatile boolean running;
    private volatile boolean closed;
    /** The thread running the loop, null when not running. */
    volatile Thread driverThread;
    /** Set when the run() caller is interrupted; read by task steps (see Task.step). */
    volatile boolean interruptRequested;
    /** Whether the loop has cancelled every task for the current interrupt (driver-confined). */
    private boolean interruptHandled;
    private ExecutorService executor;

    LoopLifecycle(EventLoop loop) {
        this.loop = loop;
    }

    boolean isRunning() {
        return running;
    }

    boolean isClosed() {
        return closed;
    }

    static void checkNotNested() {
        if (RunningLoops.runningLoopOrNull() != null) {
            throw new IllegalStateException("run() cannot be called from a running event loop; "
                    + "inside a coroutine, call the coroutine directly or use createTask");
        }
    }

    void checkNotClosed() {
        if (closed) {
            throw new IllegalStateException("the event loop is closed");
        }
    }

    /** See {@link EventLoop#runUntilComplete}. */
    <T> T runUntilComplete(Coroutine<T> main) {
        checkNotNested();
        Continuations.announceFallbackOnce();
        RunListeners.starting(loop); // a host may report an earlier run, or refuse this one
        for (EventLoop other : UnclosedLoops.unclosedOtherThan(loop)) {
            loop.warn("an event loop that ran was not closed: until it is, its " + other.pendingTasks() + " pending task(s)"
                    + " keep their stacks and memory (nothing collects them). Close loops when done"
                    + " (try (EventLoop loop = ...) { ... }), or use Asyncio.run, which closes its loop: " + other);
        }
        Task<T> mainTask;
        synchronized (lock) {
            checkNotClosed();
            if (running) {
                throw new IllegalStateException("this event loop is already running");
            }
            running = true;
            try {
                mainTask = new Task<>(loop, main, "main", true); // never eager: the loop is not running yet
            } catch (Throwable e) {
                running = false;
                throw e;
            }
        }
        boolean interrupted = runDriver(mainTask::isDone);
        UnclosedLoops.ranUnclosed(loop, loop.pendingTasks() > 0);
        if (interrupted) {
            mainTask.markRetrieved();
            throw new CancellationException(
                    "interrupted: the thread running the event loop was interrupted; every task was cancelled");
        }
        return mainTask.resultOrThrow();
    }

    /**
     * Runs the loop on a new driver thread ({@link LoopThreads#startDriver}) until {@code until} holds;
     * the calling thread (which has set {@code running}) waits until that thread has ended, so a
     * run that returns leaves no thread behind. Returns true if the calling thread was
     * interrupted meanwhile (then every task was cancelled and the loop ran until none was
     * pending).
     */
    private boolean runDriver(BooleanSupplier until) {
        // the caller has set running = true under the lock; this method clears it
        interruptRequested = false;
        interruptHandled = false;
        Throwable[] crash = new Throwable[1];
        Runnable body = () -> {
            try {
                driverThread = Thread.currentThread(); // before any step: coroutines find their loop by it
                while (!until.getAsBoolean() || (interruptRequested && loop.pendingTasks() > 0)) {
                    loop.runOnce();
                }
            } catch (Throwable t) {
                crash[0] = t;
            } finally {
                RunningLoops.unregister(loop);
                driverThread = null;
                LiveCounts.LIVE_DRIVER_THREADS.decrementAndGet();
            } // the thread ends here: crash[0] and the loop's state happen-before the caller's join
        };
        RunningLoops.register(loop);
        LiveCounts.LIVE_DRIVER_THREADS.incrementAndGet();
        Thread driver;
        try {
            driver = LoopThreads.startDriver(body);
        } catch (Throwable e) {
            LiveCounts.LIVE_DRIVER_THREADS.decrementAndGet();
            RunningLoops.unregister(loop);
            running = false;
            throw e;
        }
        boolean interrupted = false;
        while (true) {
            try {
                driver.join();
                break;
            } catch (InterruptedException e) {
                if (!interrupted) {
                    RunListeners.interrupted(loop);
                }
                interrupted = true;
                interruptRequested = true;
                loop.callSoonThreadsafe(this::cancelForInterrupt); // wakes a waiting loop

                Task<?> stuck = loop.current;
                if (stuck != null) {
                    // a coroutine holding the loop (Thread.sleep, blocking I/O) gets the interrupt too
                    stuck.interruptThread();
                }
            }
        }
        running = false;
        RunListeners.ended(loop, interrupted);
        if (crash[0] != null) {
            throw new IllegalStateException("internal error: the event loop crashed", crash[0]);
        }
        return interrupted;
    }

    /**
     * On the driver: cancels every task, once per interrupt. Called first thing after the
     * interrupt arrives, and also between the steps of one iteration (a fan-out can make one
     * iteration hold a million steps: the interrupt takes effect before the next step, not
     * after all of them).
     */
    void cancelForInterrupt() {
        if (!interruptHandled) {
            interruptHandled = true;
            RunListeners.cancelledForInterrupt(loop, loop.pendingTasks());
            loop.cancelAllTasks();
        }
    }

    /** Whether an interrupt arrived that the driver has not acted on yet (read between steps). */
    boolean interruptPending() {
        return interruptRequested && !interruptHandled;
    }

    /** See {@link EventLoop#close()}. */
    void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (running) {
                throw new IllegalStateException("cannot close a running event loop");
            }
            checkNotNested();
            running = true;
        }
        boolean interrupted = false;
        try {
            if (loop.pendingTasks() > 0) {
                loop.callSoonInternal(loop::cancelAllTasks); // runs first, on the driver
                interrupted = runDriver(() -> loop.pendingTasks() == 0);
            }
            shutdownExecutor();
            loop.reportUnretrievedFailures();
        } finally {
            UnclosedLoops.ranUnclosed(loop, false);
            loop.closeIo();
            loop.clearQueues();
            closed = true;
            running = false;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The pool of {@code toThread} workers, made on first use. */
    ExecutorService executor() {
        synchronized (lock) {
            checkNotClosed();
            if (executor == null) {
                executor = Executors.newCachedThreadPool(r -> {
                    Thread t = new Thread(r, "asyncio-to-thread");
                    t.setDaemon(true);
                    return t;
                });
            }
            return executor;
        }
    }

    private void shutdownExecutor() {
        ExecutorService ex;
        synchronized (lock) {
            ex = executor;
            executor = null;
        }
        if (ex == null) {
            return;
        }
        ex.shutdownNow();
        boolean warned = false;
        boolean interrupted = false;
        while (true) {
            try {
                if (ex.awaitTermination(5, TimeUnit.SECONDS)) {
                    break;
                }
                if (!warned) {
                    loop.warn("close(): still waiting for toThread() workers to finish");
                    warned = true;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
