package asynccourse.loop;

import asynccourse.trace.Seconds;
import asynccourse.trace.Timeline;
import asynccourse.trace.Trace;
import asynccourse.trace.TraceEvent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * An asyncio-style event loop: one thread of control that runs ready callbacks, fires timers
 * and resumes coroutines ({@link Task}s) one at a time.
 *
 * <h2>Invariants</h2>
 * <ol>
 *   <li><b>One thread of control.</b> At any instant at most one of these executes: the loop
 *       itself (on its driver thread) or exactly one coroutine step. Control passes by strict
 *       hand-over: the loop resumes a task and blocks until the task suspends at its next await
 *       or finishes ({@link Handover} states that protocol and its happens-before edges). Loop
 *       state is therefore confined and needs no locks; a blocking call in a
 *       coroutine (say {@code Thread.sleep}) stalls every task, as in asyncio.</li>
 *   <li><b>One iteration</b> ({@code runOnce()}): take thread-safe submissions; if nothing is
 *       ready, wait until the next timer is due (on a {@link VirtualClock}: jump the clock to it,
 *       unless thread-safe work is outstanding: a {@code toThread} call, or an awaited future
 *       that another thread may complete, given the clock's grace, 50 ms of real time by default) or thread-safe work arrives; move due timers
 *       (by deadline, ties by creation order) to the ready FIFO queue; run exactly the callbacks
 *       that were ready at that point. Callbacks added meanwhile run on the next iteration.</li>
 *   <li><b>Tasks start on the next iteration</b> after their creation, never inside
 *       {@code createTask}; {@code sleep(Duration.ZERO)} yields exactly one iteration.</li>
 *   <li><b>Only {@link #callSoonThreadsafe} may be called from other threads</b>; every other
 *       method belongs to the loop's thread of control (its coroutines and callbacks), or to
 *       the owner while the loop is not running.</li>
 *   <li><b>No thread outlives {@link #close()}</b>: closing cancels the remaining tasks, runs
 *       the loop until they have finished, waits for {@code toThread} workers, and reports
 *       failed tasks whose exception was never retrieved.</li>
 * </ol>
 *
 * <p>Threading: see the invariants. The loop runs on a virtual "driver" thread started by
 * {@link #runUntilComplete}; the calling thread waits for it (interruptibly: an interrupt
 * cancels every task, waits for their cleanup and throws {@link
 * java.util.concurrent.CancellationException}). Each task's coroutine runs on its own
 * virtual thread, used only as a coroutine stack. Cancellation: see {@link Task#cancel()}.
 * Nulls: arguments must not be null.
 *
 * <pre>{@code
 * try (EventLoop loop = EventLoop.builder().virtualClock().trace(true).build()) {
 *     loop.runUntilComplete(() -> {
 *         Task<String> t = createTask(() -> sayAfter(Duration.ofSeconds(1), "hello"));
 *         sleep(Duration.ofSeconds(2));
 *         return t.await();
 *     });
 *     System.out.println(loop.time());             // 2.0
 *     System.out.println(loop.timeline().text());
 * }
 * }</pre>
 */
public final class EventLoop implements AutoCloseable {

    private final LoopClock clock;
    private final VirtualClock virtualClock;
    private final long origin;
    final Trace trace;
    final boolean debug;
    final long slowNanos;
    private final Consumer<String> warnings;

    /** Ready work, FIFO: task steps, due timers (cancellable until they run) and callbacks (see {@link Handle}). */
    private final ArrayDeque<Handle> ready = new ArrayDeque<>(1024);
    private final PriorityQueue<TimerHandle> timers = new PriorityQueue<>();
    private int cancelledTimers;
    private long timerSeq;
    private final ConcurrentLinkedQueue<Handle> threadsafe = new ConcurrentLinkedQueue<>();
    /**
     * Awaits of futures not yet resumed. While a {@code toThread} call is outstanding a virtual
     * clock does not jump; while only other futures are, it jumps to the next timer if no
     * thread-safe work arrived within the clock's {@link VirtualClock#grace()} of real time (such a future may
     * well be completed by a timer of this very loop).
     */
    final AtomicInteger outstanding = new AtomicInteger();
    /** {@code toThread} calls not yet resumed. */
    final AtomicInteger outstandingThreads = new AtomicInteger();

    /** The thread running the loop, null when not running. */
    volatile Thread driverThread;
    /** The task whose step is executing, null between steps (volatile: read by interrupt handling). */
    volatile Task<?> current;
    private int taskCounter;
    private Task<?> pendingHead;
    private int pendingCount;
    private final ArrayList<Task<?>> failedTasks = new ArrayList<>();

    private volatile boolean running;
    private volatile boolean closed;
    /** Set when the run() caller is interrupted; read by task steps (see Task.step). */
    volatile boolean interruptRequested;
    /** Whether the loop has cancelled every task for the current interrupt (loop-confined). */
    private boolean interruptHandled;
    private ExecutorService executor;
    /** Guards the lifecycle flags and the executor; private, so no caller can hold it. */
    private final Object lock = new Object();
    /** Times the driver parked waiting for work (for tests: a wait that spins shows up here). */
    long parks;

    /**
     * A deadline that is never reached: where a delay saturates ({@code sleep} of a duration
     * beyond the clock's range, about 292 years of nanoseconds, means "never").
     */
    static final long NEVER = Long.MAX_VALUE;

    private EventLoop(Builder b) {
        this.clock = b.clock;
        this.virtualClock = b.clock instanceof VirtualClock v ? v : null;
        this.origin = b.clock.nanos();
        this.trace = b.trace ? new Trace() : null;
        this.debug = b.debug;
        this.slowNanos = b.slowCallbackDuration.toNanos();
        this.warnings = b.warnings;
    }

    /**
     * Returns a builder; defaults: real clock, no tracing, no debug, slow-callback threshold
     * 100 ms, warnings printed to {@code System.err}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ running

    /**
     * Runs {@code main} as a task (named {@code "main"}) until it finishes, and returns its
     * result or rethrows its failure (checked exceptions wrapped in {@link CoroutineException}).
     * Other tasks still pending stay pending (they are cancelled by {@link #close()}).
     *
     * <p>Close the loop when done (try-with-resources, or use {@link Asyncio#run}, which
     * closes): until then its pending tasks keep their parked virtual threads, which the JDK
     * tracks, so they are never collected. The next loop to run warns, through its warnings
     * sink, once about each loop that ran, still has pending tasks and is not closed.
     *
     * @param main the main coroutine
     * @param <T> its result type
     * @return its result
     * @throws IllegalStateException when called from inside a running loop, or when this loop
     *     is closed or already running
     * @throws java.util.concurrent.CancellationException when main was cancelled, or the
     *     calling thread was interrupted (then every task was cancelled and has finished)
     */
    public <T> T runUntilComplete(Coroutine<T> main) {
        Objects.requireNonNull(main, "main");
        checkNotNested();
        InterruptedRuns.beforeRun(); // an earlier interrupted run: report it, or refuse if it holds the carrier
        for (EventLoop other : Threads.unclosedOtherThan(this)) {
            warn("an event loop that ran was not closed: until it is, its " + other.pendingCount + " pending task(s)"
                    + " keep their virtual threads and memory (the JDK never collects them). Close loops when done"
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
                mainTask = new Task<>(this, main, "main");
            } catch (Throwable e) {
                running = false;
                throw e;
            }
        }
        boolean interrupted = runDriver(mainTask::isDone);
        Threads.ranUnclosed(this, pendingCount > 0);
        if (interrupted) {
            mainTask.markRetrieved();
            throw new java.util.concurrent.CancellationException(
                    "interrupted: the thread running the event loop was interrupted; every task was cancelled");
        }
        return mainTask.resultOrThrow();
    }

    static void checkNotNested() {
        if (Threads.runningLoopOrNull() != null) {
            throw new IllegalStateException("run() cannot be called from a running event loop; "
                    + "inside a coroutine, call the coroutine directly or use createTask");
        }
    }

    private void checkNotClosed() {
        if (closed) {
            throw new IllegalStateException("the event loop is closed");
        }
    }

    /**
     * Runs the loop on a fresh virtual driver thread until {@code until} holds; the calling
     * thread (which has set {@code running}) waits. Returns true if the calling thread was interrupted meanwhile (then every task
     * was cancelled and the loop ran until none was pending).
     */
    private boolean runDriver(BooleanSupplier until) {
        // the caller has set running = true under the lock; this method clears it
        interruptRequested = false;
        interruptHandled = false;
        java.io.PrintStream cellOut = System.out; // a notebook kernel swaps it per cell
        Throwable[] crash = new Throwable[1];
        Thread d = Threads.DRIVERS.newThread(() -> {
            try {
                while (!until.getAsBoolean() || (interruptRequested && pendingCount > 0)) {
                    runOnce();
                }
            } catch (Throwable t) {
                crash[0] = t;
            } finally {
                Threads.LIVE_DRIVER_THREADS.decrementAndGet();
            }
        });
        driverThread = d;
        Threads.register(this);
        Threads.LIVE_DRIVER_THREADS.incrementAndGet();
        d.start();
        boolean interrupted = false;
        while (true) {
            try {
                d.join();
                break;
            } catch (InterruptedException e) {
                if (!interrupted) {
                    InterruptedRuns.interrupted(this, cellOut);
                }
                interrupted = true;
                interruptRequested = true;
                callSoonThreadsafe(this::cancelForInterrupt); // wakes a waiting loop

                Task<?> stuck = current;
                if (stuck != null) {
                    // a coroutine holding the loop (Thread.sleep, blocking I/O) gets the interrupt too
                    stuck.interruptThread();
                }
            }
        }
        Threads.unregister(this);
        driverThread = null;
        running = false;
        if (interrupted) {
            InterruptedRuns.ended(this);
        }
        if (crash[0] != null) {
            throw new IllegalStateException("internal error: the event loop crashed", crash[0]);
        }
        return interrupted;
    }

    /**
     * One iteration of the loop, like CPython's {@code BaseEventLoop._run_once}: compute the
     * wait, wait (or jump a virtual clock), move due timers to the ready queue, run exactly the
     * callbacks that were ready.
     */
    private void runOnce() {
        drainThreadsafe();
        if (ready.isEmpty()) {
            TimerHandle next = firstLiveTimer();
            if (next != null && next.deadline == NEVER) {
                next = null; // a saturated delay: nothing to wait for (and no clock to jump)
            }
            if (virtualClock != null) {
                if (next == null || outstandingThreads.get() > 0) {
                    awaitThreadsafe(-1);
                } else if (outstanding.get() == 0 || !awaitThreadsafeFor(virtualClock.graceNanos())) {
                    virtualClock.jumpTo(next.deadline);
                }
            } else {
                long timeout = next == null ? -1 : Math.max(0, next.deadline - clock.nanos());
                if (timeout != 0) {
                    awaitThreadsafe(timeout);
                }
            }
            drainThreadsafe();
        }
        if (!timers.isEmpty()) {
            long now = clock.nanos();
            TimerHandle t;
            while ((t = timers.peek()) != null && t.deadline <= now) {
                timers.poll();
                if (t.isCancelled()) {
                    cancelledTimers--;
                } else {
                    ready.add(t.due());
                }
            }
        }
        for (int n = ready.size(); n > 0; n--) {
            if (interruptRequested && !interruptHandled) {
                // within one iteration too (a fan-out can make one hold a million steps): the
                // interrupt takes effect before the next step, not after all of them
                cancelForInterrupt();
            }
            ready.poll().run();
        }
    }

    /** Runs a timer's or a plain callback; reports what it throws, and in debug mode its slowness. */
    void runCallback(Runnable r) {
        long t0 = debug ? System.nanoTime() : 0;
        try {
            r.run();
        } catch (Throwable e) {
            warn("Exception in callback " + r + ": " + e);
        }
        if (debug) {
            long dt = System.nanoTime() - t0;
            if (dt >= slowNanos) {
                warn("Executing <Handle " + r + "> took " + Seconds.format(dt) + " seconds");
            }
        }
    }

    private TimerHandle firstLiveTimer() {
        TimerHandle t;
        while ((t = timers.peek()) != null && t.isCancelled()) {
            timers.poll();
            cancelledTimers--;
        }
        return t;
    }

    private void drainThreadsafe() {
        Handle h;
        while ((h = threadsafe.poll()) != null) {
            ready.add(h);
        }
    }

    /** Waits up to {@code nanos} of real time for thread-safe work; true if some arrived. */
    private boolean awaitThreadsafeFor(long nanos) {
        long deadline = System.nanoTime() + nanos;
        while (threadsafe.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            Thread.interrupted(); // a set flag makes park return at once: never spin on it
            parks++;
            LockSupport.parkNanos(this, left);
        }
        return true;
    }

    /**
     * Waits until thread-safe work arrives or {@code timeoutNanos} (negative: no limit) has
     * passed. Parks again after a spurious return; clears the driver's interrupt flag first (a
     * callback may have set it, and a set flag makes every park return at once). Nobody
     * interrupts the driver on purpose: the run() caller's interrupt arrives as a callback.
     */
    private void awaitThreadsafe(long timeoutNanos) {
        long deadline = timeoutNanos < 0 ? 0 : System.nanoTime() + timeoutNanos;
        while (threadsafe.isEmpty()) {
            Thread.interrupted();
            parks++;
            if (timeoutNanos < 0) {
                LockSupport.park(this);
            } else {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                LockSupport.parkNanos(this, left);
            }
        }
    }

    // ------------------------------------------------------------------ scheduling

    /**
     * Schedules {@code callback} to run on the next iteration (FIFO among ready callbacks).
     *
     * @param callback the callback; its exceptions are reported through the warnings sink
     * @throws IllegalStateException from a thread that is not this loop's (use
     *     {@link #callSoonThreadsafe})
     */
    public void callSoon(Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        checkOwner("callSoon");
        ready.add(new Handle.Callback(this, callback));
    }

    /** callSoon for the library's own callbacks (no owner check). */
    void callSoonInternal(Runnable callback) {
        ready.add(new Handle.Callback(this, callback));
    }

    /** Adds a ready item (a task's step, most often) to run on the next iteration. */
    void schedule(Handle h) {
        ready.add(h);
    }

    /**
     * Schedules {@code callback} to run after {@code delay} on the loop's clock.
     *
     * @param delay not negative
     * @param callback the callback
     * @return a handle that can cancel it
     */
    public TimerHandle callLater(Duration delay, Runnable callback) {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(callback, "callback");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("negative delay: " + delay);
        }
        checkOwner("callLater");
        return callLaterNanos(saturatedNanos(delay), callback);
    }

    /**
     * A delay in nanoseconds; a duration beyond the range of a long (about 292 years)
     * saturates to {@code Long.MAX_VALUE}, which means "never".
     */
    static long saturatedNanos(Duration d) {
        // below 2^63 ns - 1 s, toNanos() cannot overflow; the rare rest is compared exactly
        if (d.getSeconds() < Long.MAX_VALUE / 1_000_000_000L - 1) {
            return d.toNanos();
        }
        return d.compareTo(MAX_NANOS) >= 0 ? Long.MAX_VALUE : d.toNanos();
    }

    private static final Duration MAX_NANOS = Duration.ofNanos(Long.MAX_VALUE);

    TimerHandle callLaterNanos(long delayNanos, Runnable callback) {
        long now = clock.nanos();
        long deadline = now + delayNanos;
        if (deadline < now) {
            deadline = NEVER; // overflow (delayNanos >= 0): the delay saturates, the timer never fires
        }
        TimerHandle h = new TimerHandle(this, deadline, timerSeq++, callback);
        timers.add(h);
        return h;
    }

    /** Timers still to fire (not cancelled, not yet due); for tests. */
    int scheduledTimers() {
        return timers.size() - cancelledTimers;
    }

    void timerCancelled() {
        cancelledTimers++;
        if (cancelledTimers > 256 && cancelledTimers > timers.size() / 2) {
            timers.removeIf(TimerHandle::isCancelled);
            cancelledTimers = 0;
        }
    }

    /**
     * Schedules {@code callback} from any thread, waking the loop; the only method of this
     * class that other threads may call.
     *
     * @param callback the callback
     * @throws IllegalStateException if the loop is closed
     */
    public void callSoonThreadsafe(Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        checkNotClosed();
        wakeThreadsafe(new Handle.Callback(this, callback));
    }

    /** Internal wake-up from another thread; dropped if the loop is already closed. */
    void wakeThreadsafe(Handle h) {
        if (closed) {
            return;
        }
        threadsafe.add(h);
        Thread d = driverThread;
        if (d != null) {
            LockSupport.unpark(d);
        }
    }

    void checkOwner(String what) {
        if (!running) {
            return;
        }
        Thread me = Thread.currentThread();
        if (me == driverThread) {
            return;
        }
        Task<?> c = current;
        if (c != null && c.isThread(me)) {
            return;
        }
        throw new IllegalStateException(what + "() called from a thread that is not running this event loop; "
                + "use callSoonThreadsafe(...)");
    }

    // ------------------------------------------------------------------ tasks

    <T> Task<T> createTask(Coroutine<T> coro, String name) {
        checkNotClosed();
        return new Task<>(this, coro, name);
    }

    int nextTaskNumber() {
        return ++taskCounter;
    }

    void linkPending(Task<?> t) {
        Task<?> h = pendingHead;
        t.nextPending = h;
        if (h != null) {
            h.prevPending = t;
        }
        pendingHead = t;
        pendingCount++;
    }

    void unlinkPending(Task<?> t) {
        Task<?> p = t.prevPending;
        Task<?> n = t.nextPending;
        if (p != null) {
            p.nextPending = n;
        } else {
            pendingHead = n;
        }
        if (n != null) {
            n.prevPending = p;
        }
        t.prevPending = null;
        t.nextPending = null;
        pendingCount--;
    }

    void noteFailed(Task<?> t) {
        failedTasks.add(t);
    }

    private void cancelForInterrupt() {
        if (!interruptHandled) {
            interruptHandled = true;
            InterruptedRuns.cancelled(this, pendingCount);
            cancelAllTasks();
        }
    }

    /** Cancels every pending task (called on the loop). */
    private void cancelAllTasks() {
        List<Task<?>> all = new ArrayList<>(pendingCount);
        for (Task<?> t = pendingHead; t != null; t = t.nextPending) {
            all.add(t);
        }
        for (Task<?> t : all) {
            t.cancelInSweep();
        }
    }

    /**
     * Returns the number of tasks of this loop that have not finished.
     *
     * @return the count of pending tasks
     */
    public int pendingTasks() {
        return pendingCount;
    }

    // ------------------------------------------------------------------ toThread

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

    // ------------------------------------------------------------------ time, trace, warnings

    /**
     * Returns the loop time in nanoseconds since this loop was built, on its clock.
     *
     * @return nanoseconds
     */
    public long timeNanos() {
        return clock.nanos() - origin;
    }

    long origin() {
        return origin;
    }

    /**
     * Returns the loop time in seconds since this loop was built, on its clock.
     *
     * @return seconds
     */
    public double time() {
        return timeNanos() / 1e9;
    }

    /**
     * Returns the clock of this loop.
     *
     * @return the clock
     */
    public LoopClock clock() {
        return clock;
    }

    void traceEvent(Task<?> t, TraceEvent.Kind kind, String detail) {
        trace.record(timeNanos(), t.name(), kind, detail);
    }

    /**
     * Returns the timeline of everything traced so far.
     *
     * @return the timeline
     * @throws IllegalStateException if the loop was built without {@code .trace(true)}
     */
    public Timeline timeline() {
        if (trace == null) {
            throw new IllegalStateException("tracing is off: build the loop with EventLoop.builder().trace(true)");
        }
        return trace.timeline();
    }

    /**
     * Tells whether this loop records a trace.
     *
     * @return true if tracing
     */
    public boolean isTracing() {
        return trace != null;
    }

    void warn(String message) {
        try {
            warnings.accept(message);
        } catch (RuntimeException e) {
            System.err.println(message);
        }
    }

    // ------------------------------------------------------------------ lifecycle

    /**
     * Tells whether the loop is running (inside {@link #runUntilComplete}).
     *
     * @return true while running
     */
    public boolean isRunning() {
        return running;
    }

    /**
     * Tells whether the loop is closed.
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes the loop: cancels the remaining tasks and runs the loop until they have finished
     * their cleanup, waits for {@code toThread} workers, reports (through the warnings sink)
     * every failed task whose exception was never retrieved, and releases everything. Closing
     * twice does nothing.
     *
     * @throws IllegalStateException if called while the loop is running
     */
    @Override
    public void close() {
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
            if (pendingCount > 0) {
                callSoonInternal(this::cancelAllTasks); // runs first, on the driver
                interrupted = runDriver(() -> pendingCount == 0);
            }
            shutdownExecutor();
            for (Task<?> t : failedTasks) {
                if (!t.isRetrieved()) {
                    warn("Task exception was never retrieved: " + t + "\n" + t.exceptionStack());
                }
            }
        } finally {
            Threads.ranUnclosed(this, false);
            failedTasks.clear();
            ready.clear();
            timers.clear();
            threadsafe.clear();
            closed = true;
            running = false;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
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
                    warn("close(): still waiting for toThread() workers to finish");
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

    @Override
    public String toString() {
        return "<EventLoop running=" + running + " closed=" + closed + " debug=" + debug + " clock=" + clock + ">";
    }

    // ------------------------------------------------------------------ builder

    /**
     * Builder of {@link EventLoop}s.
     *
     * <p>Threading: not thread-safe; use from one thread. Nulls: arguments must not be null.
     *
     * <pre>{@code
     * EventLoop loop = EventLoop.builder().virtualClock().debug(true)
     *         .slowCallbackDuration(Duration.ofMillis(50)).warnings(System.out::println).build();
     * }</pre>
     */
    public static final class Builder {
        private LoopClock clock = MonotonicClock.INSTANCE;
        private boolean trace;
        private boolean debug;
        private Duration slowCallbackDuration = Duration.ofMillis(100);
        private Consumer<String> warnings = System.err::println;

        private Builder() {}

        /**
         * Sets the clock (default: {@link MonotonicClock}).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(LoopClock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Uses a fresh {@link VirtualClock}: runs are instant and deterministic.
         *
         * @return this builder
         */
        public Builder virtualClock() {
            return clock(new VirtualClock());
        }

        /**
         * Uses a fresh {@link VirtualClock} with the given grace: how long (real time) the loop
         * waits for another thread to complete an awaited future before the clock jumps to the
         * next timer (default 50 ms; see {@link VirtualClock#grace()}).
         *
         * @param grace not negative, at most a minute
         * @return this builder
         */
        public Builder virtualClock(Duration grace) {
            return clock(new VirtualClock(grace));
        }

        /**
         * Turns tracing on or off (default off).
         *
         * @param on whether to record a trace
         * @return this builder
         */
        public Builder trace(boolean on) {
            this.trace = on;
            return this;
        }

        /**
         * Turns debug mode on or off (default off): slow steps are reported.
         *
         * @param on whether to check for slow steps
         * @return this builder
         */
        public Builder debug(boolean on) {
            this.debug = on;
            return this;
        }

        /**
         * Sets the threshold above which a step is reported in debug mode (default 100 ms).
         *
         * @param d the threshold, not negative
         * @return this builder
         */
        public Builder slowCallbackDuration(Duration d) {
            Objects.requireNonNull(d, "d");
            if (d.isNegative()) {
                throw new IllegalArgumentException("negative duration: " + d);
            }
            this.slowCallbackDuration = d;
            return this;
        }

        /**
         * Sets where warnings go (default: {@code System.err}).
         *
         * @param sink the sink
         * @return this builder
         */
        public Builder warnings(Consumer<String> sink) {
            this.warnings = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /**
         * Builds the loop (not running yet).
         *
         * @return the loop
         */
        public EventLoop build() {
            return new EventLoop(this);
        }
    }
}
