package asynccourse.loop;

import asynccourse.trace.Seconds;
import asynccourse.trace.TraceEvent.Kind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A coroutine scheduled on an {@link EventLoop}, like asyncio's {@code Task}: it starts on the
 * loop's next iteration (or at once, inside {@code createTask}, on a loop with eager tasks) and
 * runs, step by step, until each await; its outcome is a result, a
 * failure or a cancellation.
 *
 * <p>Threading: a task belongs to one loop; call its methods from that loop's coroutines or
 * callbacks (after the run, the query methods may be called from the owner thread). Its
 * coroutine runs on a stack of its own (a JDK continuation, or a virtual thread; see
 * {@link EventLoop#coroutineStacks()}); the loop hands control to it and waits until it suspends, so tasks only interleave at awaits.
 * Cancellation: {@link #cancel()} asks for cancellation; it is delivered as a
 * {@link CancellationException} thrown inside the coroutine at its current await (or its next
 * one); the coroutine may catch it to clean up, and if it suppresses it the task is not
 * cancelled (as in asyncio). Cancelling a task that awaits another task, a gather or a future
 * cancels that too, as in asyncio. Nulls: callbacks must not be null; results may be null.
 *
 * <pre>{@code
 * run(() -> {
 *     Task<String> t = createTask(() -> sayAfter(Duration.ofSeconds(1), "hello"), "greeter");
 *     System.out.println(t);        // <Task pending name='greeter'>
 *     return t.await();             // suspends main until t is done
 * });
 * }</pre>
 *
 * @param <T> the result type
 */
public final class Task<T> extends TimerEntry implements Awaitable<T> {
    final EventLoop loop;
    private String name;
    private final int number;
    /** The coroutine's thread and the passing of control to it and back. */
    private final Handover<T> handover;

    /** The state's ordinal (a byte, not a reference: a task is made per call in fib). */
    private byte state;
    /** The result when DONE, the exception when FAILED or CANCELLED, else null (one field for both). */
    private Object outcome;
    private boolean retrieved;
    private Object callbacks;

    private WaitTarget waitingOn;
    private boolean mustCancel;
    private String cancelMessage;
    private int cancelRequests;
    /** True while this task's cancel is handed to what it waits on (guards against re-entry). */
    private boolean cancelPropagating;

    Task<?> prevPending;
    Task<?> nextPending;

    private static final TaskState[] STATES = TaskState.values();
    private static final byte PENDING = (byte) TaskState.PENDING.ordinal();
    private static final byte RUNNING = (byte) TaskState.RUNNING.ordinal();
    private static final byte DONE = (byte) TaskState.DONE.ordinal();
    private static final byte FAILED = (byte) TaskState.FAILED.ordinal();
    private static final byte CANCELLED = (byte) TaskState.CANCELLED.ordinal();

    /**
     * The task's own sleep timer: the task itself is the entry of the loop's timer heap (its
     * {@code deadline} and {@code seq}) and, once due, the ready item that wakes it, so a
     * sleeping task costs no timer object and no separate step object. One of the T_ states.
     */
    private byte timer;
    /** Not in the timer heap (or fired: the wake-up is scheduled). */
    private static final byte T_NONE = 0;
    /** In the heap, live. */
    private static final byte T_HEAP = 1;
    /** In the heap, cancelled: the loop drops it when it reaches it (or purges the heap). */
    private static final byte T_HEAP_CANCELLED = 2;
    /** Due: in this iteration's ready items; its turn schedules the step. */
    private static final byte T_DUE = 3;
    /** Due, then cancelled before its turn: its turn does nothing (the cancel scheduled the step). */
    private static final byte T_DUE_CANCELLED = 4;

    /**
     * Creates a task; a scheduled one starts on the loop's next iteration, an eager one is
     * started by the caller at once with {@link #eagerStart()}.
     */
    Task(EventLoop loop, Coroutine<T> coro, String name, boolean schedule) {
        this.loop = loop;
        this.handover = Handover.of(Objects.requireNonNull(coro, "coro"));
        this.name = name;
        this.number = name == null ? loop.nextTaskNumber() : 0;
        loop.linkPending(this);
        if (schedule) {
            loop.schedule(this); // before anything that may fail: close() can always cancel it
        }
        if (loop.trace != null) {
            loop.traceEvent(this, Kind.CREATED, "");
        }
    }

    /**
     * Runs this new task's first step now, inside {@code createTask}, as asyncio 3.12's eager
     * tasks do: until its first real suspension, with itself as the current task; then the
     * caller (a coroutine or a callback of the loop) carries on, and is the current task again.
     * A task that finishes in that step never touches the ready queue; one that suspends waits
     * like any other (its wake-up is scheduled by what it waits on). On continuations the step
     * runs on the caller's own thread, nested in the caller's continuation, so a task that
     * finishes eagerly costs no thread; on virtual threads the caller hands over to the task's
     * thread and waits for it.
     */
    void eagerStart() {
        Task<?> caller = loop.current;
        if (caller != null && loop.trace != null) {
            loop.traceEvent(caller, Kind.WAITING, "eager start of " + name());
        }
        step();
        if (caller != null && loop.trace != null) {
            loop.traceEvent(caller, Kind.RUNNING, "");
        }
    }

    // ------------------------------------------------------------------ loop side

    /** Whether the coroutine has started (it has a stack); for {@link LoopSnapshot}. */
    boolean started() {
        return handover.hasStack();
    }

    /** What the task waits on, as its repr shows it ({@code <sleep until 1.000>}), or null; for {@link LoopSnapshot}. */
    String waitDescription() {
        WaitTarget w = waitingOn;
        return w == null ? null : w.describeWait();
    }

    boolean isThread(Thread t) {
        return handover.isThread(t);
    }

    /** Interrupts the coroutine's thread, if it has one (used when the run() caller is interrupted). */
    void interruptThread() {
        handover.interrupt();
    }

    /**
     * As a ready item: the task's step, or, while its own sleep timer is due, that timer's
     * turn, which schedules the step for the next iteration (so the task wakes one iteration
     * after its timer fires, as in asyncio) unless the timer was cancelled meanwhile. The two
     * never meet in one queue: a due timer is only in the ready items of the iteration that
     * moved it there, and whatever else wakes the task (a cancel) comes later.
     */
    @Override
    void invoke() {
        if (timer == T_DUE) {
            timer = T_NONE;
            loop.schedule(this);
        } else if (timer == T_DUE_CANCELLED) {
            timer = T_NONE;
        } else {
            step();
        }
    }

    /** Whether this task, as a ready item, is its sleep's due timer rather than its step; for {@link LoopSnapshot}. */
    boolean timerDue() {
        return timer == T_DUE || timer == T_DUE_CANCELLED;
    }

    @Override
    boolean timerCancelled() {
        return timer == T_HEAP_CANCELLED || timer == T_DUE_CANCELLED;
    }

    @Override
    void markDue() {
        timer = T_DUE;
    }

    @Override
    boolean dropIfCancelled() {
        if (timer == T_HEAP_CANCELLED) {
            timer = T_NONE;
            return true;
        }
        return false;
    }

    @Override
    void dropped() {
        if (timer == T_HEAP || timer == T_HEAP_CANCELLED) {
            timer = T_NONE;
        }
    }

    /** This task, asleep on its own timer, is cancelled: the timer goes, the task wakes next iteration. */
    void cancelOwnSleep() {
        if (timer == T_HEAP) {
            timer = T_HEAP_CANCELLED;
            loop.timerCancelled(); // still in the heap: the loop counts it for clean-up
            loop.schedule(this);
        } else if (timer == T_DUE) {
            timer = T_DUE_CANCELLED;
            loop.schedule(this);
        }
    }

    /** Runs one step: hands control to the coroutine until it suspends or finishes. */
    void step() {
        if (state >= DONE) {
            return;
        }
        if (!handover.hasStack() && mustCancel) {
            // cancelled before it started: its coroutine never runs
            mustCancel = false;
            complete(null, new CancellationException(cancelMessage));
            return;
        }
        boolean fresh = handover.prepare(); // before current: whoever sees current sees the thread
        Task<?> caller = loop.current; // null, unless this is an eager start from inside a coroutine
        loop.current = this;
        state = RUNNING;
        long t0 = loop.debug ? System.nanoTime() : 0L;
        try {
            if (loop.trace != null) {
                loop.traceEvent(this, Kind.RUNNING, "");
            }
            // the run() caller was interrupted: it interrupts the current step's thread, but it
            // may have looked just before this step began; so a step that begins afterwards
            // begins interrupted (a coroutine blocking the loop must not hold run() up)
            handover.resume(loop.lifecycle.interruptRequested);
        } catch (Throwable e) {
            // an Error before the coroutine got control (a clock or trace failing, no memory
            // for a thread): the step did not happen; the task ends failed, so that nobody
            // (close() included) waits for it forever, and the loop reports the error
            handOverFailed(fresh, caller, e);
            throw e;
        }
        loop.current = caller;
        if (handover.finished()) {
            T v = handover.value();
            Throwable f = handover.failure();
            if (f == null && mustCancel) {
                f = new CancellationException(cancelMessage);
            }
            mustCancel = false;
            complete(v, f);
        } else {
            state = PENDING; // its WAITING event was traced by suspend()
        }
        if (loop.debug) {
            long dt = System.nanoTime() - t0;
            if (dt >= loop.slowNanos) {
                loop.warn("Executing " + this + " took " + Seconds.format(dt) + " seconds");
            }
        }
    }

    private void handOverFailed(boolean fresh, Task<?> caller, Throwable e) {
        loop.current = caller;
        if (fresh) {
            // its thread never started: the task can end here
            retrieved = true; // the error is thrown out of the loop, so it is seen
            complete(null, e);
        } else {
            // its coroutine is parked in suspend(): step it again, with a cancellation waiting
            state = PENDING;
            mustCancel = true;
            loop.schedule(this);
        }
    }

    private void complete(T value, Throwable failure) {
        handover.release();
        waitingOn = null;
        if (failure == null) {
            state = DONE;
            outcome = value;
        } else if (failure instanceof CancellationException) {
            state = CANCELLED;
            outcome = failure;
        } else {
            state = FAILED;
            outcome = failure;
            loop.noteFailed(this);
        }
        loop.unlinkPending(this);
        if (loop.trace != null) {
            loop.traceEvent(this, state == DONE ? Kind.DONE
                    : state == FAILED ? Kind.FAILED : Kind.CANCELLED,
                    failure == null || failure instanceof CancellationException ? "" : failure.toString());
        }
        Object cbs = callbacks;
        callbacks = null;
        DoneCallbacks.scheduleAll(cbs, loop);
    }

    /** Adds an internal done callback, scheduled with callSoon when the task finishes. */
    void addCallbackInternal(Runnable r) {
        addDoneHandle(Handle.Callback.of(loop, r));
    }

    /** Adds an internal done callback that is a ready item already (no wrapper). */
    void addCallbackInternal(Handle.Callback c) {
        addDoneHandle(c);
    }

    /** Removes done callbacks not yet scheduled that {@code which} accepts (asyncio's {@code remove_done_callback}). */
    int removeDoneHandles(java.util.function.Predicate<Handle> which) {
        int before = DoneCallbacks.size(callbacks);
        callbacks = DoneCallbacks.remove(callbacks, which);
        return before - DoneCallbacks.size(callbacks);
    }

    /** Adds a ready item (an awaiting task's step, or a callback) to schedule when the task finishes. */
    void addDoneHandle(Handle h) {
        if (isDone()) {
            loop.schedule(h);
            return;
        }
        callbacks = DoneCallbacks.add(callbacks, h);
    }

    // ------------------------------------------------------------------ coroutine side

    /**
     * Gives control back to the loop and blocks until the loop resumes this task; then
     * delivers a pending cancellation.
     */
    private void suspend(WaitTarget on, String detail) {
        waitingOn = on;
        if (loop.trace != null) {
            loop.traceEvent(this, Kind.WAITING, detail); // the same instant as the hand-over back
        }
        if (mustCancel && cancelWaiting(cancelMessage)) {
            mustCancel = false;
        }
        handover.suspend();
        waitingOn = null;
        if (mustCancel) {
            mustCancel = false;
            throw new CancellationException(cancelMessage);
        }
    }

    /**
     * Cancels what this task waits on; returns true if the cancellation will reach the task
     * through it (else the caller sets mustCancel, and a step is or will be scheduled).
     */
    private boolean cancelWaiting(String msg) {
        WaitTarget w = waitingOn;
        return w != null && w.cancelFor(this, msg);
    }

    /** Whether what this task waits on can wait for tasks (a task, gather, task group): only then can it close a cycle. */
    boolean mayWaitForTasks() {
        WaitTarget w = waitingOn;
        return w != null && w.awaitsTasks();
    }

    /**
     * The tasks that this pending task waits for directly: the awaited task, or the tasks of
     * the awaited gather or task group (none while it sleeps, yields or awaits a future).
     */
    Iterable<Task<?>> waitsFor() {
        WaitTarget w = waitingOn;
        return w == null ? java.util.List.of() : w.awaitedTasks();
    }

    // ------------------------------------------------------------------ as a wait target

    @Override
    boolean cancelFor(Task<?> waiter, String msg) {
        return cancel(msg);
    }

    @Override
    boolean sweepReachesAwaited() {
        return true; // the sweep cancels this task itself
    }

    @Override
    boolean awaitsTasks() {
        return true;
    }

    @Override
    Iterable<Task<?>> awaitedTasks() {
        return java.util.List.of(this);
    }

    @Override
    String describeWait() {
        return "<Task " + name() + ">";
    }

    static Task<?> current(String operation) {
        return RunningLoops.currentTask(operation);
    }

    void sleepNanos(long nanos) {
        if (nanos == 0) {
            loop.schedule(this);
            suspend(WaitTarget.Yield.INSTANCE, loop.trace != null ? "sleep 0.000s" : null);
        } else if (timer == T_NONE) {
            loop.addTimer(this, nanos); // the task is its own timer
            timer = T_HEAP;
            suspend(WaitTarget.OwnSleep.INSTANCE, loop.trace != null ? "sleep " + Seconds.format(nanos) + "s" : null);
        } else {
            // its last sleep's cancelled entry is still in the heap: this sleep takes a timer object
            TimerHandle th = loop.callLaterNanos(nanos, () -> loop.schedule(this));
            suspend(th, loop.trace != null ? "sleep " + Seconds.format(nanos) + "s" : null);
        }
    }

    <R> R awaitCompletableFuture(CompletableFuture<R> cf, String detail, boolean thread) {
        if (!cf.isDone()) {
            loop.outstanding.incrementAndGet();
            if (thread) {
                loop.outstandingThreads.incrementAndGet();
            }
            Task<?> s = this;
            EventLoop l = loop;
            cf.whenComplete((v, e) -> l.wakeThreadsafe(s));
            try {
                suspend(new WaitTarget.OnCompletableFuture(cf), detail);
            } finally {
                loop.outstanding.decrementAndGet();
                if (thread) {
                    loop.outstandingThreads.decrementAndGet();
                }
            }
        }
        if (cf.isCancelled()) {
            throw new CancellationException(detail + " was cancelled");
        }
        if (cf.isCompletedExceptionally()) {
            throw CoroutineException.rethrow(cf.exceptionNow());
        }
        return cf.resultNow();
    }

    <R> R awaitFuture(LoopFuture w, String detail) {
        if (!w.isDone()) {
            for (Task<?> t : w.awaitedTasks()) {
                AwaitCycles.check(this, t);
            }
            w.addWaiter(this);
            suspend(w, detail);
        }
        @SuppressWarnings("unchecked")
        R r = (R) w.resultOrThrow();
        return r;
    }

    // ------------------------------------------------------------------ public API

    /**
     * Returns the task's name ({@code "Task-1"}, {@code "Task-2"}, ... by default, per loop;
     * {@code "main"} for the main coroutine).
     *
     * @return the name
     */
    public String name() {
        String n = name;
        if (n == null) {
            n = "Task-" + number; // built on first use: most tasks never need their name
            name = n;
        }
        return n;
    }

    /**
     * Returns the task's state.
     *
     * @return the state
     */
    public TaskState state() {
        return STATES[state];
    }

    /**
     * Tells whether the task finished (with a result, a failure or a cancellation).
     *
     * @return true if finished
     */
    public boolean isDone() {
        return state >= DONE;
    }

    /**
     * Tells whether the task finished cancelled.
     *
     * @return true if cancelled
     */
    public boolean isCancelled() {
        return state == CANCELLED;
    }

    /**
     * Returns the result, or rethrows the failure (checked exceptions wrapped in
     * {@link CoroutineException}) or the {@link CancellationException}; does not wait.
     *
     * @return the result
     * @throws IllegalStateException if the task is not done
     */
    public T result() {
        if (!isDone()) {
            throw new IllegalStateException("result is not set yet: " + this);
        }
        retrieved = true;
        if (state == DONE) {
            return value();
        }
        if (state == CANCELLED) {
            throw cancelledException();
        }
        throw CoroutineException.rethrow((Throwable) outcome);
    }

    /** The cancellation to throw to whoever asks a cancelled task for its outcome: its own, or one naming the task when it has no message. */
    private CancellationException cancelledException() {
        CancellationException own = (CancellationException) outcome;
        if (own.getMessage() != null) {
            return own;
        }
        CancellationException ce = new CancellationException(name() + " was cancelled");
        ce.initCause(own);
        return ce;
    }

    /**
     * Returns the failure, or null if the task succeeded; does not wait. Retrieving it marks
     * it as seen (it will not be reported as never retrieved).
     *
     * @return the exception, or null on success
     * @throws IllegalStateException if the task is not done
     * @throws CancellationException if the task was cancelled
     */
    public Throwable exception() {
        if (!isDone()) {
            throw new IllegalStateException("exception is not set yet: " + this);
        }
        if (state == CANCELLED) {
            throw cancelledException();
        }
        retrieved = true;
        return rawException();
    }

    /**
     * Asks the task to cancel itself; see the class comment.
     *
     * @return false if the task is already done, else true
     */
    public boolean cancel() {
        return cancel(null);
    }

    /**
     * Asks the task to cancel itself, with a message carried by the
     * {@link CancellationException}.
     *
     * @param msg the message, may be null
     * @return false if the task is already done (its failure, if any, then counts as seen and
     *     is not reported as never retrieved), else true
     */
    public boolean cancel(String msg) {
        loop.checkOwner("Task.cancel");
        if (isDone()) {
            retrieved = true; // as asyncio 3.11: whoever cancels a finished task has seen its outcome
            return false;
        }
        cancelRequests++;
        cancelMessage = msg;
        if (waitingOn != null && !cancelPropagating) {
            // the guard ends the recursion on any graph of awaits (awaits never close a cycle,
            // see AwaitCycles, but a cancel must terminate even if one did)
            cancelPropagating = true;
            try {
                if (cancelWaiting(msg)) {
                    return true;
                }
            } finally {
                cancelPropagating = false;
            }
        }
        mustCancel = true;
        return true;
    }

    /**
     * Cancels this task as one of all the pending tasks of its loop (close(), interrupt): like
     * {@link #cancel(String)}, but without handing the cancel on to awaited tasks and gathers,
     * since those are cancelled by the same sweep (a task waiting on them wakes when they end).
     * Each task is touched once, so a sweep costs O(tasks), not O(tasks x depth of awaits).
     */
    void cancelInSweep() {
        if (isDone()) {
            return;
        }
        WaitTarget w = waitingOn;
        if (w != null && w.sweepReachesAwaited()) {
            cancelRequests++;
            cancelMessage = null;
            mustCancel = true;
            return;
        }
        cancel(null);
    }

    /**
     * Returns how many cancellation requests this task received (asyncio's
     * {@code cancelling()}).
     *
     * @return the number of {@code cancel} calls made while it was not done
     */
    public int cancelling() {
        return cancelRequests;
    }

    /**
     * Adds a callback run (via {@code callSoon}, on the loop) when the task finishes; if it is
     * already done, the callback is scheduled at once.
     *
     * @param callback the callback, receiving this task
     */
    public void addDoneCallback(Consumer<Task<T>> callback) {
        Objects.requireNonNull(callback, "callback");
        loop.checkOwner("Task.addDoneCallback");
        addCallbackInternal(new Runnable() {
            @Override
            public void run() {
                callback.accept(Task.this);
            }

            @Override
            public String toString() {
                return "done callback of " + Task.this;
            }
        });
    }

    /**
     * Awaits this task from another coroutine of the same loop: suspends the caller until the
     * task is done, then returns its result or rethrows its failure (checked exceptions wrapped
     * in {@link CoroutineException}) or cancellation. If the caller is cancelled meanwhile, this
     * task is cancelled too (as in asyncio).
     *
     * @return the result
     * @throws IllegalStateException outside a coroutine, from another loop, or on itself
     */
    public T await() {
        Task<?> me = RunningLoops.currentTaskOrNull();
        if (me == null) {
            throw new IllegalStateException("Task.await() must be called from a coroutine running in the task's "
                    + "event loop; outside a loop, use Asyncio.run(() -> task...) or task.result() once it is done");
        }
        if (me.loop != loop) {
            throw new IllegalStateException("cannot await " + this + " from a different event loop");
        }
        if (me == this) {
            throw new IllegalStateException("a task cannot await itself: " + this);
        }
        if (!isDone()) {
            AwaitCycles.check(me, this);
            addDoneHandle(me);
            me.suspend(this, loop.trace != null ? "task " + name() : null);
        }
        return resultOrThrow();
    }

    /** The outcome for an awaiter: marks the exception retrieved. */
    T resultOrThrow() {
        retrieved = true;
        if (state == DONE) {
            return value();
        }
        throw CoroutineException.rethrow((Throwable) outcome);
    }

    /**
     * Takes back one cancellation request, delivered or not (asyncio's {@code uncancel()}); at
     * zero requests an undelivered one is dropped. Meant for code that cancelled the task
     * itself and handled that cancellation (TaskGroup, {@link Timeout}), as in asyncio; a
     * cancellation made by someone else should not be taken back.
     *
     * @return the number of cancellation requests left ({@link #cancelling()})
     */
    public int uncancel() {
        loop.checkOwner("Task.uncancel");
        if (cancelRequests > 0) {
            cancelRequests--;
        }
        if (cancelRequests == 0) {
            mustCancel = false;
        }
        return cancelRequests;
    }

    void markRetrieved() {
        retrieved = true;
    }

    boolean isRetrieved() {
        return retrieved;
    }

    /** The failure or cancellation of a finished task; null if it succeeded or is not done. */
    Throwable rawException() {
        return state >= FAILED ? (Throwable) outcome : null;
    }

    @SuppressWarnings("unchecked")
    private T value() {
        return (T) outcome;
    }

    String exceptionStack() {
        Throwable exception = rawException();
        if (exception == null) {
            return "";
        }
        StringWriter sw = new StringWriter();
        exception.printStackTrace(new PrintWriter(sw));
        return sw.toString();
    }

    /**
     * Returns a description like asyncio's repr: {@code <Task pending name='Task-2' wait=sleep>},
     * {@code <Task finished name='Task-2' result=42>}, {@code <Task cancelled name='Task-2'>}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<Task ");
        switch (state()) {
            case PENDING -> sb.append("pending");
            case RUNNING -> sb.append("running");
            case DONE, FAILED -> sb.append("finished");
            case CANCELLED -> sb.append("cancelled");
        }
        sb.append(" name='").append(name()).append('\'');
        if (state == DONE) {
            String r = String.valueOf(outcome);
            if (r.length() > 60) {
                r = r.substring(0, 57) + "...";
            }
            sb.append(" result=").append(r);
        } else if (state == FAILED) {
            sb.append(" exception=").append(outcome);
        } else if (state == PENDING && waitingOn == WaitTarget.OwnSleep.INSTANCE) {
            sb.append(" wait_for=<sleep until ").append(Seconds.format(deadline - loop.origin())).append('>');
        } else if (state == PENDING && waitingOn != null) {
            sb.append(" wait_for=").append(waitingOn.describeWait());
        }
        return sb.append('>').toString();
    }
}
