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
 *       and cleared by it when the driver has finished the run; so at most one run goes on at a time.</li>
 *   <li>{@code driverThread} is set by the driver as its first action of a run and cleared by
 *       it as its last, before the caller's wait for the run returns (volatile: other threads read it to find their loop
 *       and to wake it; a wake-up before it is set is not lost, since the driver looks at its
 *       queue of thread-safe work before it ever waits).</li>
 *   <li>An interrupt of the caller waiting for the driver sets {@code interruptRequested}
 *       (volatile) and sends {@link #cancelForInterrupt} to the loop as a thread-safe callback
 *       (which wakes a waiting loop); the loop then cancels every task once
 *       ({@code interruptHandled}, driver-confined) and runs until none is pending.</li>
 *   <li>A continuation is resumed only on the thread it ran on: a run that ends with tasks
 *       pending (on continuations) keeps its driver thread parked ({@code kept}) for the next
 *       run or the close, which retires it once no task is pending.</li>
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
                    + " keep their stacks and memory (nothing collects them), and on continuations the driver thread"
                    + " they belong to. Close loops when done"
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
     * Runs the loop on its driver thread until {@code until} holds, and waits for that. The driver
     * is a new thread ({@link LoopThreads#startDriver}), unless the last run left tasks pending
     * on continuations: then it is that run's driver, kept parked since ({@link #kept}), because
     * a continuation must go on on the thread it ran on. Once the run is over, the driver ends
     * and the calling thread joins it, so a run that returns leaves no thread behind, unless
     * tasks are pending on continuations again: then the driver is kept for the next run or
     * the close. Returns true if the calling thread was interrupted meanwhile (then every task
     * was cancelled and the loop ran until none was pending).
     */
    private boolean runDriver(BooleanSupplier until) {
        // the caller has set running = true under the lock; this method clears it
        interruptRequested = false;
        interruptHandled = false;
        Throwable[] crash = new Throwable[1];
        boolean[] keep = new boolean[1];
        java.util.concurrent.CountDownLatch over = new java.util.concurrent.CountDownLatch(1);
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
                // tasks suspended on continuations belong to this thread now: keep it for them
                keep[0] = crash[0] == null && Continuations.IN_USE && loop.pendingTasks() > 0;
            } // crash[0], keep[0] and the loop's state happen-before the caller's await
            over.countDown();
        };
        RunningLoops.register(loop);
        Driver driver = kept;
        kept = null;
        try {
            if (driver == null) {
                driver = new Driver();
            }
            driver.submit(body);
        } catch (Throwable e) {
            if (driver != null) {
                driver.retire();
            }
            RunningLoops.unregister(loop);
            running = false;
            throw e;
        }
        boolean interrupted = false;
        while (true) {
            try {
                over.await();
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
        if (keep[0]) {
            kept = driver;
        } else {
            driver.retire();
        }
        running = false;
        RunListeners.ended(loop, interrupted);
        if (crash[0] != null) {
            throw new IllegalStateException("internal error: the event loop crashed", crash[0]);
        }
        return interrupted;
    }

    /**
     * A driver thread: runs the runs handed to it, one at a time, until retired. Usually it runs
     * one run and is retired at once; it is kept across runs only while tasks are pending on
     * continuations. Their frames, frozen on this thread, must be thawed on it: what a coroutine
     * took as its thread's before the run ended (a {@code ReentrantLock}; and the value of
     * {@code Thread.currentThread()} itself, which the JIT treats as constant within a compiled
     * frame, as it is on a virtual thread) would otherwise belong to a thread that is gone.
     */
    private static final class Driver implements Runnable {
        final Thread thread;
        /** The next run's body; guarded by this. */
        private Runnable job;
        /** Whether the thread is to end once it has no run to do; guarded by this. */
        private boolean retired;

        Driver() {
            LiveCounts.LIVE_DRIVER_THREADS.incrementAndGet();
            try {
                thread = LoopThreads.startDriver(this);
            } catch (Throwable e) {
                LiveCounts.LIVE_DRIVER_THREADS.decrementAndGet();
                throw e;
            }
        }

        synchronized void submit(Runnable body) {
            job = body;
            notifyAll();
        }

        /** Lets the thread end, and waits until it has (it has no run left: that is at once). */
        void retire() {
            synchronized (this) {
                retired = true;
                notifyAll();
            }
            boolean interrupted = false;
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void run() {
            try {
                while (true) {
                    Runnable body;
                    synchronized (this) {
                        while (job == null && !retired) {
                            try {
                                wait();
                            } catch (InterruptedException e) {
                                // between runs: an interrupt is nobody's (each step starts clean)
                            }
                        }
                        if (job == null) {
                            return;
                        }
                        body = job;
                        job = null;
                    }
                    body.run(); // lets nothing escape
                }
            } finally {
                LiveCounts.LIVE_DRIVER_THREADS.decrementAndGet();
            }
        }
    }

    /** The last run's driver, kept while tasks it ran are pending on continuations; null otherwise. Owner-confined. */
    private Driver kept;

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
            Driver d = kept; // none, unless the close sweep did not run (or stopped with tasks left)
            kept = null;
            if (d != null) {
                d.retire();
            }
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
