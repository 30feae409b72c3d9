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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
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
 *       or finishes ({@code Handover} states that protocol and its happens-before edges). Loop
 *       state is therefore confined and needs no locks; a blocking call in a
 *       coroutine (say {@code Thread.sleep}) stalls every task, as in asyncio.</li>
 *   <li><b>One iteration</b> ({@code runOnce()}): take thread-safe submissions; if nothing is
 *       ready, wait until the next timer is due (on a {@link VirtualClock}: jump the clock to it,
 *       unless thread-safe work is outstanding: a {@code toThread} call, or an awaited future
 *       that another thread may complete, given the clock's grace, 50 ms of real time by default) or thread-safe work arrives; move due timers
 *       (by deadline, ties by creation order) to the ready FIFO queue; run exactly the callbacks
 *       that were ready at that point. Callbacks added meanwhile run on the next iteration.</li>
 *   <li><b>Tasks start on the next iteration</b> after their creation, never inside
 *       {@code createTask} (unless the loop was built with {@link Builder#eagerTasks}: then a
 *       task created while the loop runs takes its first step inside {@code createTask}, as
 *       in asyncio 3.12); {@code sleep(Duration.ZERO)} yields exactly one iteration.</li>
 *   <li><b>Only {@link #callSoonThreadsafe} may be called from other threads</b>; every other
 *       method belongs to the loop's thread of control (its coroutines and callbacks), or to
 *       the owner while the loop is not running.</li>
 *   <li><b>No work outlives {@link #close()}</b>: closing cancels the remaining tasks, runs
 *       the loop until they have finished, waits for {@code toThread} workers, and reports
 *       failed tasks whose exception was never retrieved. No thread outlives a run either: each
 *       run has a driver thread of its own, and {@code runUntilComplete} returns only once that
 *       thread has ended.</li>
 * </ol>
 *
 * <h2>The thread a coroutine sees</h2>
 * A coroutine is not a thread, and thread-owned things do not belong to a task. What they mean
 * inside a coroutine depends on its stack ({@link #coroutineStacks()}), so code that relies on
 * them behaves differently on the two; the loop's own {@link Lock}, {@link Semaphore},
 * {@link Event} and {@link Queue} behave the same on both and are what coroutines use.
 * <table>
 *   <caption>Thread-owned state inside a coroutine</caption>
 *   <tr><th></th><th>on continuations (the course kernel)</th><th>on a virtual thread per task</th></tr>
 *   <tr><td>{@code Thread.currentThread()}</td><td>the run's driver thread, the same for every
 *       task of the run</td><td>the task's own virtual thread</td></tr>
 *   <tr><td>a {@code ThreadLocal} set by one task, read by another task of the same run</td>
 *       <td>the value the first task set (shared, like asyncio's {@code threading.local})</td>
 *       <td>not seen (each task has its own)</td></tr>
 *   <tr><td>a {@code ThreadLocal} set in one run, read in a later run</td><td>not seen, unless
 *       the earlier run left tasks pending: then the later run (or the close) is driven by the
 *       same thread, since their stacks must go on on the thread they ran on</td><td>not seen:
 *       every run has a new driver thread (and new task threads)</td></tr>
 *   <tr><td>an {@code InheritableThreadLocal} set by the caller of {@code run}</td>
 *       <td colspan="2">not seen: loop threads inherit nothing</td></tr>
 *   <tr><td>a {@code ReentrantLock} that task A holds across an await, taken by task B</td>
 *       <td>B gets it too ({@code tryLock()} is true): the lock belongs to the thread both tasks
 *       run on, so it excludes nothing, like asyncio's {@code threading.RLock}</td>
 *       <td>{@code tryLock()} is false; a blocking {@code lock()} stalls the loop for good, since
 *       A can only release it when the loop resumes it</td></tr>
 *   <tr><td>a monitor ({@code synchronized}) that task A holds across an await</td>
 *       <td colspan="2">B does not hold it ({@code Thread.holdsLock} is false), and B entering it
 *       stalls the loop for good, as above</td></tr>
 * </table>
 * The first rows follow from what a coroutine is: on continuations every task of a loop runs
 * on its driver thread, as every asyncio task of a loop runs on the loop's thread. A thread per
 * run (not a pool) keeps runs apart; but a run that leaves tasks pending on continuations keeps
 * its driver, parked, for the next run or the close: a continuation frozen on one thread and
 * thawed on another would find what it took as its thread's (a {@code ReentrantLock}, and in
 * JIT-compiled frames {@code Thread.currentThread()} itself) belonging to the wrong thread.
 * {@code ThreadContractTest} pins every row on both stacks.
 *
 * <p>Where things are: this class is the loop's core (the ready queue of {@code Handle}s, the
 * timer heap, one iteration in {@code runOnce}, the wait in {@code waitForWork} and the
 * wake-up in {@code wakeUp}) and its scheduling API; starting, stopping, interrupts and
 * closing are in {@code LoopLifecycle}; the hand-over to a coroutine in {@code Handover}.
 *
 * <p>Threading: see the invariants. The loop runs on a "driver" thread started by
 * {@link #runUntilComplete} (a platform thread on continuations, a virtual one otherwise; see
 * {@link #coroutineStacks()}); the calling thread waits for it (interruptibly: an interrupt
 * cancels every task, waits for their cleanup and throws {@link
 * java.util.concurrent.CancellationException}). Each task's coroutine runs on a stack of its own:
 * a JDK continuation mounted on the driver, or a virtual thread. Cancellation: see {@link Task#cancel()}.
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
    /** Whether new tasks start eagerly, as with asyncio 3.12's {@code eager_task_factory}. */
    final boolean eagerTasks;
    /** The asyncio whose orders the loop follows (see {@link AsyncioVersion}). */
    private final AsyncioVersion asyncioVersion;
    /** {@code asyncioVersion == V3_12}, read where 3.12 schedules differently. */
    final boolean asyncio312;
    final long slowNanos;
    private final Consumer<String> warnings;
    private final Consumer<EventLoop> beforeIteration;
    /** Start, stop, interrupts, close; the driver thread. */
    final LoopLifecycle lifecycle = new LoopLifecycle(this);

    /** Ready work, FIFO: task steps, due timers (cancellable until they run) and callbacks (see {@link Handle}). */
    private final ArrayDeque<Handle> ready = new ArrayDeque<>(1024);
    /** Timers not yet due: {@link TimerHandle}s and sleeping tasks (see {@link TimerEntry}). */
    private final PriorityQueue<TimerEntry> timers = new PriorityQueue<>();
    private int cancelledTimers;
    private long timerSeq;
    private final ConcurrentLinkedQueue<Handle> threadsafe = new ConcurrentLinkedQueue<>();
    /** The sockets part, created by the first socket (see {@link SelectorIo}); volatile: read by wake-ups. */
    private volatile SelectorIo io;
    /**
     * Awaits of futures not yet resumed. While a {@code toThread} call is outstanding a virtual
     * clock does not jump; while only other futures are, it jumps to the next timer if no
     * thread-safe work arrived within the clock's {@link VirtualClock#grace()} of real time (such a future may
     * well be completed by a timer of this very loop).
     */
    final AtomicInteger outstanding = new AtomicInteger();
    /** {@code toThread} calls not yet resumed. */
    final AtomicInteger outstandingThreads = new AtomicInteger();

    /** The task whose step is executing, null between steps (volatile: read by interrupt handling). */
    volatile Task<?> current;
    private int taskCounter;
    private Task<?> pendingHead;
    private int pendingCount;
    private final ArrayList<Task<?>> failedTasks = new ArrayList<>();
    /** Times the driver parked waiting for work (for tests: a wait that spins shows up here). */
    long parks;
    /**
     * How long before a timer's deadline the driver stops parking and spins (see
     * {@code waitForWork}): {@value #TIMER_SPIN_PROPERTY} in microseconds, default
     * {@value #DEFAULT_TIMER_SPIN_MICROS}; 0 parks to the deadline. Read when the loop is made.
     */
    private final long timerSpinNanos;
    /** The system property that sets {@code timerSpinNanos} (microseconds; the benchmark compares 0 with the default). */
    static final String TIMER_SPIN_PROPERTY = "asynccourse.loop.timerSpinMicros";
    static final long DEFAULT_TIMER_SPIN_MICROS = 200;
    /** A long timed wait wakes this long before its spin and parks again for the rest (see {@code waitForWork}). */
    static final long REWAKE_NANOS = 2_000_000;

    /**
     * A deadline that is never reached: where a delay saturates ({@code sleep} of a duration
     * beyond the clock's range, about 292 years of nanoseconds, means "never").
     */
    static final long NEVER = Long.MAX_VALUE;

    private EventLoop(LoopSettings s) {
        this.clock = s.clock;
        this.virtualClock = s.clock instanceof VirtualClock v ? v : null;
        this.origin = s.clock.nanos();
        this.trace = s.trace ? new Trace() : null;
        this.debug = s.debug;
        this.eagerTasks = s.eagerTasks;
        this.asyncioVersion = s.resolvedVersion();
        this.asyncio312 = asyncioVersion == AsyncioVersion.V3_12;
        this.slowNanos = s.slowCallbackDuration.toNanos();
        this.warnings = s.warnings;
        this.beforeIteration = s.beforeIteration;
        this.timerSpinNanos = Math.max(0, Long.getLong(TIMER_SPIN_PROPERTY, DEFAULT_TIMER_SPIN_MICROS)) * 1000;
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
     * closes): until then its pending tasks keep their suspended stacks (on virtual threads,
     * parked threads that the JDK tracks, so they are never collected). The next loop to run warns, through its warnings
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
        return lifecycle.runUntilComplete(main);
    }

    /**
     * Adds a listener to the runs of every loop in this JVM (once; adding it again does
     * nothing). See {@link RunListener} for what it hears and on which thread.
     *
     * @param listener the listener
     */
    public static void addRunListener(RunListener listener) {
        RunListeners.add(listener);
    }

    /**
     * Removes a listener added with {@link #addRunListener} (nothing if it was not added).
     *
     * @param listener the listener
     */
    public static void removeRunListener(RunListener listener) {
        RunListeners.remove(listener);
    }

    /**
     * Returns the task whose coroutine this loop is running right now, or null between steps,
     * as asyncio's {@code current_task(loop)}. From another thread the answer may be stale by the
     * time it is read (a host uses it to name a task that holds the loop and never awaits).
     *
     * @return the running task, or null
     */
    public Task<?> runningTask() {
        return current;
    }

    static void checkNotNested() {
        LoopLifecycle.checkNotNested();
    }

    /**
     * One iteration of the loop, like CPython's {@code BaseEventLoop._run_once}: compute the
     * wait, wait (or jump a virtual clock), move due timers to the ready queue, run exactly the
     * callbacks that were ready. Called by the driver thread only.
     */
    void runOnce() {
        if (beforeIteration != null) {
            beforeIteration.accept(this); // a stepper's gate: it may block the driver here, between iterations
        }
        drainThreadsafe();
        if (ready.isEmpty()) {
            TimerEntry next = firstLiveTimer();
            if (next != null && next.deadline == NEVER) {
                next = null; // a saturated delay: nothing to wait for (and no clock to jump)
            }
            if (virtualClock != null) {
                if (next == null || outstandingThreads.get() > 0) {
                    waitForWork(-1, 0);
                } else if (outstanding.get() == 0 || !waitForWork(virtualClock.graceNanos(), 0)) {
                    virtualClock.jumpTo(next.deadline);
                }
            } else {
                long timeout = next == null ? -1 : Math.max(0, next.deadline - clock.nanos());
                if (timeout != 0) {
                    waitForWork(timeout, timerSpinNanos);
                }
            }
            drainThreadsafe();
        }
        if (io != null) {
            io.processEvents(); // readiness callbacks join the ready queue before due timers, as in _run_once
        }
        if (!timers.isEmpty()) {
            long now = clock.nanos();
            TimerEntry t;
            while ((t = timers.peek()) != null && t.deadline <= now) {
                timers.poll();
                if (t.dropIfCancelled()) {
                    cancelledTimers--;
                } else {
                    t.markDue();
                    ready.add(t);
                }
            }
        }
        for (int n = ready.size(); n > 0; n--) {
            if (lifecycle.interruptPending()) {
                lifecycle.cancelForInterrupt(); // before the next step, not after all of them
            }
            ready.poll().invoke();
        }
    }

    /**
     * The loop's only wait: parks the driver until thread-safe work arrives ({@link #wakeUp})
     * or {@code nanos} of real time have passed (negative: no limit). Parks again after a
     * spurious return; clears the driver's interrupt flag first (a callback may have set it,
     * and a set flag makes every park return at once). Nobody interrupts the driver on
     * purpose: the run() caller's interrupt arrives as a callback.
     *
     * <p>Deadline-aware: a park oversleeps (tens of microseconds on Linux, more on a busy
     * machine), so a wait for a timer parks only until {@code spinNanos} before its end and
     * spins ({@link Thread#onSpinWait}) for the rest. A long park oversleeps more than a short
     * one (measured with JDK 25 on the 2-core development VM: a 20 ms park woke 130 µs late at
     * the median and up to 390 µs, a 1 ms park 87 µs), so a wait longer than twice
     * {@link #REWAKE_NANOS} first parks until {@code REWAKE_NANOS} before the spin, then
     * parks again for the rest. The cost: at most {@code spinNanos} of CPU and one extra
     * wake-up per timed wait, none while no timer is due (a loop with nothing scheduled parks
     * without limit).
     *
     * @return true if thread-safe work arrived
     */
    private boolean waitForWork(long nanos, long spinNanos) {
        if (io != null && io.watching()) {
            parks++;
            io.select(nanos, threadsafe); // sockets registered: the selector is the wait
            return !threadsafe.isEmpty();
        }
        long deadline = nanos < 0 ? 0 : System.nanoTime() + nanos;
        while (threadsafe.isEmpty()) {
            Thread.interrupted();
            if (nanos < 0) {
                parks++;
                LockSupport.park(this);
            } else {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                if (left > spinNanos) {
                    parks++;
                    long park = left - spinNanos;
                    LockSupport.parkNanos(this, park > 2 * REWAKE_NANOS ? park - REWAKE_NANOS : park);
                } else {
                    Thread.onSpinWait();
                }
            }
        }
        return true;
    }

    /** Wakes the driver from {@link #waitForWork}, if it waits; any thread may call it. */
    private void wakeUp() {
        Thread d = lifecycle.driverThread;
        if (d != null) {
            LockSupport.unpark(d);
        }
        SelectorIo s = io;
        if (s != null) {
            s.wakeup();
        }
    }

    /** The sockets part of this loop, created on first use; refused on a virtual clock. */
    SelectorIo io() {
        SelectorIo s = io;
        if (s == null) {
            checkNotClosed();
            s = new SelectorIo(this); // refuses a virtual clock
            io = s;
        }
        return s;
    }

    /** Closes the selector and every socket still open (on close). */
    void closeIo() {
        if (io != null) {
            io.closeAll();
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

    private TimerEntry firstLiveTimer() {
        TimerEntry t;
        while ((t = timers.peek()) != null && t.timerCancelled()) {
            timers.poll();
            t.dropIfCancelled();
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
        ready.add(Handle.Callback.of(this, callback));
    }

    /** callSoon for the library's own callbacks (no owner check). */
    void callSoonInternal(Runnable callback) {
        ready.add(Handle.Callback.of(this, callback));
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
     * Schedules {@code callback} to run at loop time {@code when} (seconds, as {@link #time()}),
     * like asyncio's {@code loop.call_at(when, callback)}: timers run in deadline order, ties in
     * the order they were scheduled; a time already past runs on the next iteration (after the
     * timers due earlier). {@link Double#POSITIVE_INFINITY} never runs.
     *
     * <pre>{@code
     * EventLoop loop = getRunningLoop();
     * loop.callAt(loop.time() + 1.5, () -> System.out.println("1.5 s later"));
     * }</pre>
     *
     * @param when the loop time in seconds
     * @param callback the callback
     * @return a handle that can cancel it
     * @throws IllegalArgumentException if {@code when} is NaN
     * @throws IllegalStateException from a thread that is not this loop's (use
     *     {@link #callSoonThreadsafe})
     */
    public TimerHandle callAt(double when, Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        if (Double.isNaN(when)) {
            throw new IllegalArgumentException("callAt: the time is NaN; give a loop time in seconds, as loop.time()");
        }
        checkOwner("callAt");
        // a time beyond any run (as Timeout's deadlines) never fires; a time long past is clamped
        double clamped = Math.max(when, -CALL_AT_RANGE);
        long deadline = NEVER;
        if (!Timeout.beyondReach(clamped - time())) {
            long at = Math.round(clamped * 1e9);
            long sum = origin + at;
            if (((origin ^ sum) & (at ^ sum)) >= 0) { // no overflow
                deadline = sum;
            }
        }
        TimerHandle h = new TimerHandle(this, deadline, timerSeq++, callback);
        timers.add(h);
        return h;
    }

    /** How far in the past (seconds) callAt clamps a time, so that its nanoseconds cannot overflow: about 31 years. */
    private static final double CALL_AT_RANGE = 1e9;

    /**
     * Creates a bare future of this loop, like asyncio's {@code loop.create_future()}: set it
     * from a callback, await it from coroutines. See {@link AsyncFuture} (bridging a
     * callback-style API is its main use).
     *
     * <pre>{@code
     * AsyncFuture<String> f = getRunningLoop().createFuture();
     * getRunningLoop().callLater(Duration.ofSeconds(1), () -> f.setResult("done"));
     * String s = f.await();
     * }</pre>
     *
     * @param <T> the result type
     * @return a new pending future
     * @throws IllegalStateException if the loop is closed, or from a thread that is not this
     *     loop's while it runs
     */
    public <T> AsyncFuture<T> createFuture() {
        checkNotClosed();
        checkOwner("createFuture");
        return new AsyncFuture<>(this);
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
        TimerHandle h = new TimerHandle(this, deadlineAfter(delayNanos), timerSeq++, callback);
        timers.add(h);
        return h;
    }

    /**
     * Describes the loop's state between two iterations, read-only: the clock, the ready queue
     * in order (what each item will do) and the timers by deadline (what each wakes). Call it
     * on the loop's thread of control, for instance from a {@link Builder#beforeEachIteration}
     * hook, or while the loop is not running.
     *
     * @return a snapshot, not updated afterwards
     * @throws IllegalStateException from a thread that is not this loop's while it runs
     */
    public LoopSnapshot snapshot() {
        checkOwner("snapshot");
        return LoopSnapshot.of(this, ready, timers);
    }

    /** Puts a sleeping task into the timer heap as its own timer, due after {@code delayNanos}. */
    void addTimer(Task<?> sleeper, long delayNanos) {
        sleeper.deadline = deadlineAfter(delayNanos);
        sleeper.seq = timerSeq++;
        timers.add(sleeper);
    }

    private long deadlineAfter(long delayNanos) {
        long now = clock.nanos();
        long deadline = now + delayNanos;
        return deadline < now ? NEVER : deadline; // overflow (delayNanos >= 0): the timer never fires
    }

    /** Timers still to fire (not cancelled, not yet due); for tests. */
    int scheduledTimers() {
        return timers.size() - cancelledTimers;
    }

    void timerCancelled() {
        cancelledTimers++;
        if (cancelledTimers > 256 && cancelledTimers > timers.size() / 2) {
            timers.removeIf(TimerEntry::dropIfCancelled);
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
        wakeThreadsafe(Handle.Callback.of(this, callback));
    }

    /** Internal wake-up from another thread; dropped if the loop is already closed. */
    void wakeThreadsafe(Handle h) {
        if (lifecycle.isClosed()) {
            return;
        }
        threadsafe.add(h);
        wakeUp();
    }

    void checkOwner(String what) {
        if (!lifecycle.isRunning()) {
            return;
        }
        Thread me = Thread.currentThread();
        if (me == lifecycle.driverThread) {
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

    private void checkNotClosed() {
        lifecycle.checkNotClosed();
    }

    /**
     * A new task of this loop. With eager tasks and a running loop (the caller is one of its
     * coroutines or callbacks), its first step runs now, inside this call ({@link Task#eagerStart});
     * otherwise it is scheduled for the next iteration.
     */
    <T> Task<T> createTask(Coroutine<T> coro, String name) {
        checkNotClosed();
        if (eagerTasks && lifecycle.isRunning()) {
            Task<T> t = new Task<>(this, coro, name, false);
            t.eagerStart();
            return t;
        }
        return new Task<>(this, coro, name, true);
    }

    /**
     * Tells whether this loop starts new tasks eagerly (see {@link Builder#eagerTasks}).
     *
     * @return true if tasks start eagerly
     */
    public boolean eagerTasks() {
        return eagerTasks;
    }

    /**
     * Tells which asyncio's orders this loop follows (see {@link Builder#asyncioVersion}).
     *
     * @return {@link AsyncioVersion#V3_11} (the default) or {@link AsyncioVersion#V3_12}
     */
    public AsyncioVersion asyncioVersion() {
        return asyncioVersion;
    }

    /**
     * Says what the coroutines of every loop in this JVM run on: JDK continuations (the
     * building block of virtual threads, one per task, no thread), or a virtual thread per task
     * where the JVM does not export them ({@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED},
     * which the course's kernel passes), with the reason. Both schedule the same; continuations
     * are cheaper (the benchmark's fib: two to four times). What thread-owned state means inside
     * a coroutine differs: see "The thread a coroutine sees" above.
     *
     * @return a one-line description
     */
    public static String coroutineStacks() {
        return Continuations.describe();
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

    /** Cancels every pending task (called on the loop). */
    void cancelAllTasks() {
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

    /** The tasks of this loop not yet done, in creation order (asyncio's {@code all_tasks(loop)}). */
    List<Task<?>> allTasks() {
        ArrayList<Task<?>> all = new ArrayList<>(pendingCount);
        for (Task<?> t = pendingHead; t != null; t = t.nextPending) {
            all.add(t);
        }
        java.util.Collections.reverse(all); // the list is newest first
        return all;
    }

    /** Warns about every failed task whose exception was never retrieved (on close). */
    void reportUnretrievedFailures() {
        for (Task<?> t : failedTasks) {
            if (!t.isRetrieved()) {
                warn("Task exception was never retrieved: " + t + "\n" + t.exceptionStack());
            }
        }
    }

    /** Drops all queued work (the last step of close). */
    void clearQueues() {
        failedTasks.clear();
        ready.clear();
        for (TimerEntry t : timers) {
            t.dropped(); // a task forgets its entry
        }
        timers.clear();
        threadsafe.clear();
    }

    // ------------------------------------------------------------------ toThread

    ExecutorService executor() {
        return lifecycle.executor();
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
        return lifecycle.isRunning();
    }

    /**
     * Tells whether the loop is closed.
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return lifecycle.isClosed();
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
        lifecycle.close();
    }

    @Override
    public String toString() {
        return "<EventLoop running=" + isRunning() + " closed=" + isClosed() + " debug=" + debug + " clock=" + clock + ">";
    }

    // ------------------------------------------------------------------ builder

    /**
     * Builder of {@link EventLoop}s; defaults: real clock, no tracing, no debug, slow-callback
     * threshold 100 ms, warnings printed to {@code System.err}.
     *
     * <p>Threading: not thread-safe; use from one thread. Nulls: arguments must not be null.
     *
     * <pre>{@code
     * EventLoop loop = EventLoop.builder().virtualClock().debug(true)
     *         .slowCallbackDuration(Duration.ofMillis(50)).warnings(System.out::println).build();
     * }</pre>
     */
    public static final class Builder {
        private final LoopSettings settings = new LoopSettings();

        private Builder() {}

        /**
         * Sets the clock (default: {@link MonotonicClock}).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(LoopClock clock) {
            settings.clock(clock);
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
            settings.trace = on;
            return this;
        }

        /**
         * Turns debug mode on or off (default off): slow steps are reported.
         *
         * @param on whether to check for slow steps
         * @return this builder
         */
        public Builder debug(boolean on) {
            settings.debug = on;
            return this;
        }

        /**
         * Turns eager tasks on or off (default off), as asyncio 3.12's
         * {@code loop.set_task_factory(asyncio.eager_task_factory)}: a task created while the
         * loop runs starts at once, inside {@code createTask}, and runs until its first real
         * suspension (or to its end) with itself as the current task; then its creator carries
         * on. A task that finishes in that first step is done when {@code createTask} returns
         * and never touches the ready queue (on continuations it costs no thread either). Eager
         * tasks are 3.12's, so they go with {@link #asyncioVersion} 3.12: left unset, the
         * version becomes 3.12 (its {@code gather}, {@code TaskGroup} and {@code waitFor}); set
         * to 3.11, {@link #build()} refuses. The main task of a run is never eager (the loop is
         * not running yet when it is made, as in asyncio).
         *
         * <pre>{@code
         * Asyncio.run(EventLoop.builder().eagerTasks(true), () -> Fib.withTasks(20)); // 6765
         * }</pre>
         *
         * @param on whether new tasks start eagerly
         * @return this builder
         */
        public Builder eagerTasks(boolean on) {
            settings.eagerTasks = on;
            return this;
        }

        /**
         * Selects the CPython asyncio whose orders the loop follows (default
         * {@link AsyncioVersion#V3_11}, exactly the orders of the loop before this setting
         * existed). Pick the version of the Python you compare with: {@code V3_12} for 3.12,
         * 3.13 and later ({@link AsyncioVersion#of} maps a version string). With {@code V3_12},
         * {@code waitFor} follows 3.12's {@code wait_for} (built on {@code timeout}: a coroutine
         * runs in the caller's task, no task of its own) and {@code gather} counts children
         * already done at once; eager tasks need it (see {@link #eagerTasks}).
         *
         * <pre>{@code
         * Asyncio.run(EventLoop.builder().asyncioVersion(AsyncioVersion.V3_12), main);
         * }</pre>
         *
         * @param version the version to follow
         * @return this builder
         */
        public Builder asyncioVersion(AsyncioVersion version) {
            settings.version(version);
            return this;
        }

        /**
         * Sets a hook called on the loop's driver thread before each iteration (default none),
         * for a tool that steps the loop one iteration at a time ({@code asynccourse.stepper}):
         * it may read {@link EventLoop#snapshot()} and may block until told to go on. It must
         * not schedule work; what it throws ends the run as a failure of the loop.
         *
         * @param hook the hook, receiving the loop
         * @return this builder
         */
        public Builder beforeEachIteration(Consumer<EventLoop> hook) {
            settings.beforeIteration = Objects.requireNonNull(hook, "hook");
            return this;
        }

        /**
         * Sets the threshold above which a step is reported in debug mode (default 100 ms).
         *
         * @param d the threshold, not negative
         * @return this builder
         */
        public Builder slowCallbackDuration(Duration d) {
            settings.slowCallbackDuration(d);
            return this;
        }

        /**
         * Sets where warnings go (default: {@code System.err}).
         *
         * @param sink the sink
         * @return this builder
         */
        public Builder warnings(Consumer<String> sink) {
            settings.warnings(sink);
            return this;
        }

        /**
         * Builds the loop (not running yet).
         *
         * @return the loop
         * @throws IllegalStateException if eager tasks were asked of a loop following 3.11
         */
        public EventLoop build() {
            return new EventLoop(settings);
        }
    }
}
