package asynccourse.loop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * The static facade of the event loop, shaped like Python's {@code asyncio} module; use it as
 * {@code import static asynccourse.loop.Asyncio.*;}.
 *
 * <p>Threading: {@link #run} and {@link #runTraced} are called from an ordinary thread (they
 * refuse to nest); every other method must be called from a coroutine running in an event loop
 * (the awaiting ones suspend the calling coroutine and give control back to the loop).
 * Cancellation: every awaiting method throws {@link CancellationException} when the calling
 * task is cancelled while it waits; see {@link Task#cancel()}. Nulls: arguments must not be
 * null; coroutine results may be null.
 *
 * <pre>{@code
 * import static asynccourse.loop.Asyncio.*;
 *
 * run(() -> {
 *     Task<String> a = createTask(() -> sayAfter(Duration.ofSeconds(1), "hello"));
 *     Task<String> b = createTask(() -> sayAfter(Duration.ofSeconds(2), "world"));
 *     return gather(a, b);          // about 2 s, not 3
 * });
 * }</pre>
 */
public final class Asyncio {
    private Asyncio() {}

    // ------------------------------------------------------------------ entry points

    /**
     * Runs {@code main} in a fresh event loop with the real clock, like {@code asyncio.run}:
     * returns its result or rethrows its failure (checked exceptions wrapped in
     * {@link CoroutineException}); then cancels the remaining tasks, waits for them, closes the
     * loop and leaves no thread behind. If the calling thread is interrupted meanwhile, every
     * task is cancelled and has finished its cleanup before {@link CancellationException} is
     * thrown.
     *
     * @param main the main coroutine
     * @param <T> its result type
     * @return its result
     * @throws IllegalStateException when called from inside a running event loop
     */
    public static <T> T run(Coroutine<T> main) {
        return run(EventLoop.builder(), main);
    }

    /**
     * Like {@link #run}, with tracing on: returns the result, the loop-clock time main took and
     * the timeline of every task.
     *
     * @param main the main coroutine
     * @param <T> its result type
     * @return value, elapsed time and timeline
     */
    public static <T> RunResult<T> runTraced(Coroutine<T> main) {
        return runTraced(EventLoop.builder(), main);
    }

    /**
     * Like {@link #runTraced(Coroutine)}, on a loop built from {@code builder} (tracing is
     * turned on); for instance {@code runTraced(EventLoop.builder().virtualClock(), main)} runs
     * instantly on a virtual clock.
     *
     * @param builder the loop's configuration
     * @param main the main coroutine
     * @param <T> its result type
     * @return value, elapsed time and timeline
     */
    public static <T> RunResult<T> runTraced(EventLoop.Builder builder, Coroutine<T> main) {
        Objects.requireNonNull(main, "main");
        EventLoop.checkNotNested();
        EventLoop loop = builder.trace(true).build();
        long[] span = new long[2];
        T value;
        try {
            value = loop.runUntilComplete(() -> {
                span[0] = loop.timeNanos();
                try {
                    return main.call();
                } finally {
                    span[1] = loop.timeNanos();
                }
            });
        } finally {
            loop.close();
        }
        return new RunResult<>(value, Duration.ofNanos(span[1] - span[0]), loop.timeline());
    }

    /**
     * Runs {@code main} like {@link #run}, on a loop built from {@code builder}; for instance
     * {@code run(EventLoop.builder().virtualClock(), main)}.
     *
     * @param builder the loop's configuration
     * @param main the main coroutine
     * @param <T> its result type
     * @return its result
     */
    public static <T> T run(EventLoop.Builder builder, Coroutine<T> main) {
        Objects.requireNonNull(main, "main");
        EventLoop.checkNotNested();
        EventLoop loop = builder.build();
        try {
            return loop.runUntilComplete(main);
        } finally {
            loop.close();
        }
    }

    // ------------------------------------------------------------------ tasks

    /**
     * Wraps {@code coro} in a task of the running loop, named {@code "Task-N"}; it starts on the
     * loop's next iteration (on a loop with eager tasks, at once, inside this call: see
     * {@link EventLoop.Builder#eagerTasks}).
     *
     * @param coro the coroutine
     * @param <T> its result type
     * @return the task
     * @throws IllegalStateException outside a running event loop
     */
    public static <T> Task<T> createTask(Coroutine<T> coro) {
        return createTask(coro, null);
    }

    /**
     * Wraps {@code coro} in a named task of the running loop; it starts on the loop's next
     * iteration (on a loop with eager tasks, at once, inside this call).
     *
     * @param coro the coroutine
     * @param name the task's name; null for the default {@code "Task-N"}
     * @param <T> its result type
     * @return the task
     * @throws IllegalStateException outside a running event loop
     */
    public static <T> Task<T> createTask(Coroutine<T> coro, String name) {
        Objects.requireNonNull(coro, "coro");
        EventLoop loop = RunningLoops.runningLoopOrNull();
        if (loop == null) {
            throw new IllegalStateException("createTask() must be called inside a running event loop "
                    + "(from a coroutine started by Asyncio.run(...)): no running event loop");
        }
        return loop.createTask(coro, name);
    }

    /**
     * Returns the tasks of the running loop that are not done yet, the calling one included, in
     * the order they were created: asyncio's {@code asyncio.all_tasks()}.
     *
     * @return a snapshot (unmodifiable)
     * @throws IllegalStateException outside a running event loop
     */
    public static Set<Task<?>> allTasks() {
        EventLoop loop = getRunningLoop();
        loop.checkOwner("allTasks");
        return Collections.unmodifiableSet(new LinkedHashSet<>(loop.allTasks()));
    }

    /**
     * Runs {@code coro} as a task of {@code loop} from any other thread, asyncio's
     * {@code asyncio.run_coroutine_threadsafe(coro, loop)}: the task is created on the loop
     * (through {@link EventLoop#callSoonThreadsafe}), and the returned {@link CompletableFuture}
     * (asyncio gives a {@code concurrent.futures.Future}) completes with its result, failure or
     * cancellation. Cancelling that future cancels the task (or, if the loop has not created it
     * yet, keeps it from being created). The loop must be running, or run later, for anything to
     * happen; if it closes first, the future is never completed.
     *
     * <pre>{@code
     * // on some other thread, while loop runs:
     * CompletableFuture<String> f = runCoroutineThreadsafe(() -> sayAfter(Duration.ofSeconds(1), "hi"), loop);
     * String s = f.get(5, TimeUnit.SECONDS);  // blocks this thread, not the loop
     * }</pre>
     *
     * Do not block on the future from a coroutine of that same loop: the loop would wait for
     * itself; a coroutine awaits it with {@link #await(CompletableFuture)}.
     *
     * @param coro the coroutine
     * @param loop the loop to run it on
     * @param <T> the result type
     * @return a future of its outcome; its exception is the task's failure (unwrapped)
     * @throws IllegalStateException if the loop is closed
     */
    public static <T> CompletableFuture<T> runCoroutineThreadsafe(Coroutine<T> coro, EventLoop loop) {
        Objects.requireNonNull(coro, "coro");
        Objects.requireNonNull(loop, "loop: the event loop to run the coroutine on (see getRunningLoop())");
        CompletableFuture<T> cf = new CompletableFuture<>();
        loop.callSoonThreadsafe(new Runnable() {
            @Override
            public void run() {
                if (cf.isDone()) {
                    return; // cancelled before the loop got to it
                }
                Task<T> t;
                try {
                    t = loop.createTask(coro, null);
                } catch (Throwable e) {
                    cf.completeExceptionally(e);
                    return;
                }
                t.addCallbackInternal(() -> {
                    t.markRetrieved(); // handed on to the future
                    if (t.isCancelled()) {
                        cf.cancel(false);
                    } else if (t.rawException() != null) {
                        cf.completeExceptionally(t.rawException());
                    } else {
                        cf.complete(t.result());
                    }
                });
                cf.whenComplete((v, e) -> {
                    if (cf.isCancelled()) { // on the cancelling thread: the task is the loop's to cancel
                        loop.wakeThreadsafe(Handle.Callback.of(loop, () -> t.cancel()));
                    }
                });
            }

            @Override
            public String toString() {
                return "runCoroutineThreadsafe";
            }
        });
        return cf;
    }

    /**
     * Returns the task whose coroutine is calling.
     *
     * @return the current task
     * @throws IllegalStateException outside a coroutine
     */
    public static Task<?> currentTask() {
        return RunningLoops.currentTask("currentTask()");
    }

    // ------------------------------------------------------------------ awaiting

    /**
     * Suspends the calling coroutine for {@code delay} on the loop's clock; {@code Duration.ZERO}
     * yields exactly one loop iteration (like {@code asyncio.sleep(0)}). A delay beyond the
     * clock's range (about 292 years) means "never": the task sleeps until it is cancelled.
     *
     * @param delay not negative
     * @throws IllegalArgumentException if negative
     * @throws CancellationException if the task is cancelled meanwhile
     */
    public static void sleep(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("sleep: negative delay " + delay);
        }
        Task.current("sleep()").sleepNanos(EventLoop.saturatedNanos(delay));
    }

    /**
     * Awaits a {@link CompletableFuture} completed by any thread; the loop keeps running other
     * tasks meanwhile and is woken thread-safely. If the future is already done, returns at
     * once without suspending. If the calling task is cancelled meanwhile, the future is
     * cancelled too (as asyncio does for wrapped futures).
     *
     * @param future the future
     * @param <T> its result type
     * @return its result
     * @throws CancellationException if the future or the task is cancelled
     */
    public static <T> T await(CompletableFuture<T> future) {
        Objects.requireNonNull(future, "future");
        return Task.current("await()").awaitCompletableFuture(future, "future", false);
    }

    /**
     * Awaits tasks concurrently, like {@code asyncio.gather}: the results in input order. The
     * first failure (or cancellation) of a child is rethrown at once (the other children keep
     * running); if the awaiting coroutine is cancelled, every child is cancelled.
     *
     * @param tasks the tasks, of this loop
     * @param <T> the result type
     * @return the results, in input order (unmodifiable)
     */
    public static <T> List<T> gather(List<? extends Task<? extends T>> tasks) {
        Objects.requireNonNull(tasks, "tasks");
        Task<?> me = Task.current("gather()");
        GatheringFuture g = new GatheringFuture(me.loop, tasks, false);
        return me.awaitFuture(g, me.loop.trace != null ? "gather(" + tasks.size() + ")" : null);
    }

    /**
     * Varargs form of {@link #gather(List)}.
     *
     * @param tasks the tasks
     * @param <T> the result type
     * @return the results, in input order
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read, through a list view, never written or kept
    public static <T> List<T> gather(Task<? extends T>... tasks) {
        Objects.requireNonNull(tasks, "gather: the array of tasks is null (pass tasks, or an empty list)");
        return gather(Arrays.asList(tasks));
    }

    /**
     * Wraps each coroutine in a task, then {@link #gather(List)}s them.
     *
     * @param coros the coroutines
     * @param <T> the result type
     * @return the results, in input order
     */
    public static <T> List<T> gatherCoroutines(List<? extends Coroutine<? extends T>> coros) {
        Objects.requireNonNull(coros, "coros");
        Task<?> me = Task.current("gatherCoroutines()");
        List<Task<? extends T>> tasks = new ArrayList<>(coros.size());
        for (Coroutine<? extends T> c : coros) {
            tasks.add(me.loop.createTask(c, null));
        }
        return gather(tasks);
    }

    /**
     * Gathers in return-exceptions mode: waits for every child; each slot holds the child's
     * result or its {@link Throwable} ({@link CancellationException} for a cancelled child).
     *
     * @param tasks the tasks
     * @return results and exceptions, in input order (unmodifiable)
     */
    public static List<Object> gatherReturnExceptions(List<? extends Task<?>> tasks) {
        Objects.requireNonNull(tasks, "tasks");
        Task<?> me = Task.current("gatherReturnExceptions()");
        GatheringFuture g = new GatheringFuture(me.loop, tasks, true);
        return me.awaitFuture(g, me.loop.trace != null ? "gather(" + tasks.size() + ")" : null);
    }

    // ------------------------------------------------------------------ wait, asCompleted, shield

    /**
     * Waits until every one of {@code tasks} is done, asyncio's {@code await asyncio.wait(tasks)};
     * see {@link #waitTasks(Collection, ReturnWhen, Duration)}.
     *
     * @param tasks the tasks or futures, not empty
     * @param <A> their type
     * @return the done ones and the pending ones (none here)
     */
    public static <A extends Awaitable<?>> WaitResult<A> waitTasks(Collection<? extends A> tasks) {
        return waitTasks(tasks, ReturnWhen.ALL_COMPLETED, null, "waitTasks()");
    }

    /**
     * Waits until {@code returnWhen} holds, without a time limit; see
     * {@link #waitTasks(Collection, ReturnWhen, Duration)}.
     *
     * @param tasks the tasks or futures, not empty
     * @param returnWhen when to return
     * @param <A> their type
     * @return the done ones and the pending ones
     */
    public static <A extends Awaitable<?>> WaitResult<A> waitTasks(Collection<? extends A> tasks, ReturnWhen returnWhen) {
        Objects.requireNonNull(returnWhen, "returnWhen: pick ReturnWhen.FIRST_COMPLETED, FIRST_EXCEPTION or ALL_COMPLETED");
        return waitTasks(tasks, returnWhen, null, "waitTasks()");
    }

    /**
     * Waits until every one of {@code tasks} is done or {@code timeout} has passed; see
     * {@link #waitTasks(Collection, ReturnWhen, Duration)}.
     *
     * @param tasks the tasks or futures, not empty
     * @param timeout the time limit (zero or negative: look once, one loop iteration later)
     * @param <A> their type
     * @return the done ones and the pending ones
     */
    public static <A extends Awaitable<?>> WaitResult<A> waitTasks(Collection<? extends A> tasks, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout: for no time limit, call waitTasks(tasks)");
        return waitTasks(tasks, ReturnWhen.ALL_COMPLETED, timeout, "waitTasks()");
    }

    /**
     * Waits for tasks (or futures) until {@code returnWhen} holds or {@code timeout} has passed,
     * exactly as CPython 3.11's {@code done, pending = await asyncio.wait(tasks, timeout=...,
     * return_when=...)}, and returns which are done and which are still pending. (Named
     * {@code waitTasks} because {@code Object.wait} owns the name {@code wait}: inside any class,
     * a statically imported {@code wait(...)} would resolve to it and not compile.)
     * <ul>
     *   <li>It never cancels anything and never throws the tasks' failures or a timeout: when
     *       the time is up, the ones not done are simply in {@link WaitResult#pending()}. Look at
     *       each done task's {@code result()} or {@code exception()}, and cancel the pending ones
     *       yourself if you want them gone.</li>
     *   <li>Tasks only, no coroutines, as asyncio 3.11 (which raises {@code TypeError: Passing
     *       coroutines is forbidden}): the parameter's type takes {@link Awaitable}s (tasks and
     *       {@link AsyncFuture}s), so a list of {@link Coroutine}s does not compile; wrap each in
     *       {@link #createTask} first. A coroutine smuggled in through a raw type is refused with
     *       {@link IllegalArgumentException}.</li>
     *   <li>The same task given twice counts once (asyncio makes a set); each result set keeps
     *       the order the tasks were given in.</li>
     *   <li>Ordering as asyncio: it adds a done callback to each task and waits on a future of
     *       its own that the callbacks (or the timer) complete, so it returns one loop iteration
     *       after the deciding task finished; a task that finishes in that same iteration is
     *       counted as done too.</li>
     * </ul>
     *
     * <pre>{@code
     * Task<String> fast = createTask(() -> sayAfter(Duration.ofSeconds(1), "fast"));
     * Task<String> slow = createTask(() -> sayAfter(Duration.ofSeconds(5), "slow"));
     * WaitResult<Task<String>> r = waitTasks(List.of(fast, slow), ReturnWhen.FIRST_COMPLETED, Duration.ofSeconds(2));
     * r.done();     // [fast], after 1 s
     * r.pending();  // [slow], still running: cancel it, or await it later
     * }</pre>
     *
     * @param tasks the tasks or futures, of this loop; not empty
     * @param returnWhen when to return
     * @param timeout the time limit (zero or negative: look once, one loop iteration later)
     * @param <A> their type
     * @return the done ones and the pending ones
     * @throws IllegalArgumentException if {@code tasks} is empty or holds a coroutine
     * @throws IllegalStateException outside a coroutine, or if a task belongs to another loop
     * @throws CancellationException if the calling task is cancelled meanwhile (the tasks are not)
     */
    public static <A extends Awaitable<?>> WaitResult<A> waitTasks(Collection<? extends A> tasks, ReturnWhen returnWhen,
            Duration timeout) {
        Objects.requireNonNull(returnWhen, "returnWhen: pick ReturnWhen.FIRST_COMPLETED, FIRST_EXCEPTION or ALL_COMPLETED");
        Objects.requireNonNull(timeout, "timeout: for no time limit, call waitTasks(tasks, returnWhen)");
        return waitTasks(tasks, returnWhen, timeout, "waitTasks()");
    }

    private static <A extends Awaitable<?>> WaitResult<A> waitTasks(Collection<? extends A> tasks, ReturnWhen returnWhen,
            Duration timeout, String what) {
        Objects.requireNonNull(tasks, what + ": the collection of tasks is null");
        Task<?> me = Task.current(what);
        LinkedHashSet<A> fs = AwaitableOps.distinct(tasks, what, me.loop);
        if (fs.isEmpty()) {
            throw new IllegalArgumentException(what + ": the set of tasks is empty; give at least one task "
                    + "(asyncio: ValueError: Set of Tasks/Futures is empty.)");
        }
        return Waits.await(me, fs, returnWhen, timeout);
    }

    /**
     * The results of {@code tasks} in the order they finish, asyncio 3.11's {@code for f in
     * asyncio.as_completed(tasks): result = await f}; see
     * {@link #asCompleted(Collection, Duration)}.
     *
     * @param tasks the tasks or futures
     * @param <T> the result type
     * @return one item per distinct task; awaiting an item gives the next result
     */
    public static <T> List<Completion<T>> asCompleted(Collection<? extends Awaitable<? extends T>> tasks) {
        return asCompleted(tasks, null, "asCompleted()");
    }

    /**
     * The results of {@code tasks} in the order they finish, with a time limit, exactly as CPython
     * 3.11's {@code asyncio.as_completed(tasks, timeout=...)}: returns at once a list with one
     * {@link Completion} per distinct task; awaiting the items one after another gives the
     * results (or rethrows the failures) in the order the tasks finish, whichever item is awaited
     * first. Once {@code timeout} has passed, every item not yet given a task throws
     * {@link AsyncTimeoutException}; nothing is cancelled (the tasks go on).
     *
     * <pre>{@code
     * List<Task<String>> downloads = ...;
     * for (Completion<String> next : asCompleted(downloads, Duration.ofSeconds(10))) {
     *     System.out.println(next.await());   // fastest first
     * }
     * }</pre>
     *
     * Tasks only, no coroutines (see {@link #waitTasks(Collection, ReturnWhen, Duration)}; asyncio
     * 3.11's {@code as_completed} would wrap coroutines in tasks: call {@link #createTask} on each).
     *
     * @param tasks the tasks or futures, of the running loop (may be empty)
     * @param timeout the time limit from now (zero or negative: only tasks already done count)
     * @param <T> the result type
     * @return one item per distinct task, unmodifiable
     * @throws IllegalArgumentException if {@code tasks} holds a coroutine
     * @throws IllegalStateException outside a running loop, or if a task belongs to another loop
     */
    public static <T> List<Completion<T>> asCompleted(Collection<? extends Awaitable<? extends T>> tasks, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout: for no time limit, call asCompleted(tasks)");
        return asCompleted(tasks, timeout, "asCompleted()");
    }

    private static <T> List<Completion<T>> asCompleted(Collection<? extends Awaitable<? extends T>> tasks, Duration timeout,
            String what) {
        Objects.requireNonNull(tasks, what + ": the collection of tasks is null");
        EventLoop loop = getRunningLoop();
        loop.checkOwner(what);
        LinkedHashSet<Awaitable<? extends T>> fs = AwaitableOps.distinct(tasks, what, loop);
        return Waits.asCompleted(loop, fs, timeout);
    }

    /**
     * Protects {@code inner} from the cancellation of whoever awaits it, exactly as CPython 3.11's
     * {@code asyncio.shield(inner)}: returns an outer future that follows inner's outcome.
     * Cancelling the outer one (which is what cancelling a task awaiting it does) cancels only the
     * outer one: the awaiting task gets its {@link CancellationException}, and inner goes on to its
     * end (its failure, if any, then counts as retrieved). If inner itself is cancelled, the outer
     * one is cancelled too. If inner is done already, it is returned as it is (asyncio's
     * shortcut).
     *
     * <pre>{@code
     * Task<Void> save = createTask(() -> saveToDisk(data));
     * try {
     *     shield(save).await();          // if this task is cancelled here...
     * } catch (CancellationException e) {
     *     // ...save goes on to its end all the same
     *     throw e;
     * }
     * }</pre>
     *
     * @param inner a task or future
     * @param <T> the result type
     * @return the outer future, or {@code inner} if it is done
     * @throws IllegalStateException from a thread that is not running inner's loop
     */
    public static <T> Awaitable<T> shield(Awaitable<T> inner) {
        Objects.requireNonNull(inner, "inner");
        AwaitableOps.loopOf(inner).checkOwner("shield");
        return AwaitableOps.shield(inner);
    }

    /**
     * Runs {@code coro} as a new task and shields it: asyncio's {@code asyncio.shield(coro())}.
     * See {@link #shield(Awaitable)}.
     *
     * @param coro the coroutine
     * @param <T> the result type
     * @return the outer future
     * @throws IllegalStateException outside a running event loop
     */
    public static <T> Awaitable<T> shield(Coroutine<T> coro) {
        return shield(createTask(coro));
    }

    // ------------------------------------------------------------------ waitFor, timeout

    /**
     * Runs {@code coro} as a task and awaits it for at most {@code timeout}, exactly as CPython
     * 3.11's {@code asyncio.wait_for} (the loop's default {@link AsyncioVersion}): on timeout
     * the task is cancelled, awaited until it has finished cancelling, and
     * {@link AsyncTimeoutException} is thrown; see {@link #waitFor(Task, Duration)} for the
     * full contract and ordering. On a loop following 3.12, a positive timeout runs
     * {@code coro} in the calling task inside {@link #timeout(Duration, Coroutine)}, as 3.12's
     * {@code wait_for} does: no task of its own, and fewer loop iterations.
     *
     * @param coro the coroutine
     * @param timeout zero or negative: already expired (the task is cancelled before it starts)
     * @param <T> the result type
     * @return its result
     * @throws AsyncTimeoutException on timeout
     * @throws CancellationException if the caller is cancelled (the task is then cancelled too)
     */
    public static <T> T waitFor(Coroutine<T> coro, Duration timeout) {
        Objects.requireNonNull(coro, "coro");
        Objects.requireNonNull(timeout, "timeout: waitFor needs a time limit; without one, await the task");
        Task<?> me = Task.current("waitFor()");
        return WaitFor.run(me, () -> me.loop.createTask(coro, null), coro, timeout);
    }

    /**
     * Awaits {@code task} for at most {@code timeout}, exactly as CPython 3.11's
     * {@code asyncio.wait_for} (the loop's default {@link AsyncioVersion}; on a loop following
     * 3.12, a positive timeout awaits the task inside {@link #timeout(Duration, Coroutine)}, as
     * 3.12 rebuilt {@code wait_for}: the task's cancellation and the timeout arrive in fewer
     * loop iterations). 3.11's ordering:
     * <ul>
     *   <li>A positive timeout starts a timer, then waits on a separate waiter (asyncio's
     *       {@code loop.create_future()}) that either the timer or the task's completion
     *       releases. So the caller resumes one loop iteration after the task finished, and
     *       when the timer fires in the same iteration as the task's completion is delivered,
     *       the task's outcome wins: whatever is done when the caller resumes counts.</li>
     *   <li>If the timer won and the task is not done, the task is cancelled and awaited
     *       until it has finished; if it ended cancelled, {@link AsyncTimeoutException} is
     *       thrown (cause: the task's {@link CancellationException}); if it caught the
     *       cancellation and returned or failed, that result or failure is what you get.</li>
     *   <li>A zero or negative timeout: a task already done gives its outcome; otherwise the
     *       task is cancelled (a task that has not started never runs its coroutine) and
     *       awaited, and its cancellation becomes {@link AsyncTimeoutException}.</li>
     *   <li>The caller's own cancellation is never turned into a timeout: if the caller is
     *       cancelled while waiting, the task is cancelled and awaited and the
     *       {@code CancellationException} is rethrown (unless the task had already finished,
     *       whose outcome is then returned, as in 3.11). If the caller is cancelled again while
     *       it waits for the task's cancellation, it stops waiting and the task may go on.</li>
     * </ul>
     * Unlike asyncio, the timeout cannot be null ("no limit" is just {@code task.await()}).
     *
     * @param task the task
     * @param timeout zero or negative: already expired
     * @param <T> the result type
     * @return its result
     * @throws AsyncTimeoutException on timeout
     * @throws CancellationException if the caller is cancelled (the task is then cancelled too)
     */
    public static <T> T waitFor(Task<T> task, Duration timeout) {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(timeout, "timeout: waitFor needs a time limit; without one, await the task");
        Task<?> me = Task.current("waitFor()");
        if (task.loop != me.loop) {
            throw new IllegalStateException("waitFor: " + task + " belongs to a different event loop");
        }
        if (task == me) {
            throw new IllegalStateException("waitFor: a task cannot wait for itself: " + task);
        }
        return WaitFor.run(me, () -> task, task::await, timeout);
    }

    /**
     * Creates a time limit of {@code delay} from now for a block of code, like asyncio 3.11's
     * {@code asyncio.timeout(delay)}; run the block with {@link Timeout#run(Coroutine)}. The
     * deadline is fixed now: {@code loopTime() + delay} (zero or negative: already expired).
     *
     * <pre>{@code
     * Timeout t = timeout(Duration.ofSeconds(1));
     * String page = t.run(() -> slowDownload()); // AsyncTimeoutException after 1 s
     * }</pre>
     *
     * @param delay the time limit
     * @return the timeout, not yet entered
     * @throws IllegalStateException outside a running event loop
     */
    public static Timeout timeout(Duration delay) {
        Objects.requireNonNull(delay, "delay: for a block without deadline use timeoutAt(Double.POSITIVE_INFINITY)");
        return new Timeout(getRunningLoop().time() + delay.getSeconds() + delay.getNano() / 1e9);
    }

    /**
     * Creates a time limit ending at loop time {@code when} (seconds, as {@link #loopTime()}),
     * like asyncio's {@code asyncio.timeout_at(when)}; {@link Double#POSITIVE_INFINITY} means no
     * deadline (asyncio's {@code None}).
     *
     * @param when the deadline in seconds on the loop's clock
     * @return the timeout, not yet entered
     * @throws IllegalArgumentException if {@code when} is NaN
     */
    public static Timeout timeoutAt(double when) {
        return new Timeout(when);
    }

    /**
     * Runs {@code body} in the calling task with a time limit of {@code delay}: the short form
     * of {@code timeout(delay).run(body)} (asyncio: {@code async with asyncio.timeout(delay):
     * ...}). Unlike {@link #waitFor}, the body is not a new task: on timeout the calling task
     * itself is cancelled, and the block turns that into {@link AsyncTimeoutException}.
     *
     * @param delay the time limit
     * @param body the block
     * @param <T> its result type
     * @return its result
     * @throws AsyncTimeoutException if the deadline passed while the block ran
     */
    public static <T> T timeout(Duration delay, Coroutine<T> body) {
        return timeout(delay).run(body);
    }

    /**
     * Runs blocking code off the loop, on a platform thread of the loop's cached pool (like
     * asyncio's default executor), and awaits it without blocking the loop. If the calling task
     * is cancelled, the worker thread is interrupted and the task sees the cancellation at once;
     * the loop's close waits for the worker to end.
     *
     * @param blocking the blocking code
     * @param <T> its result type
     * @return its result (its checked exceptions wrapped in {@link CoroutineException})
     */
    public static <T> T toThread(Callable<T> blocking) {
        Objects.requireNonNull(blocking, "blocking");
        Task<?> me = Task.current("toThread()");
        CompletableFuture<T> cf = new CompletableFuture<>();
        Future<?> worker = me.loop.executor().submit(completing(cf, blocking));
        cf.whenComplete((v, e) -> {
            if (cf.isCancelled()) {
                worker.cancel(true);
            }
        });
        return me.awaitCompletableFuture(cf, "thread", true);
    }

    /**
     * Runs {@code work} on {@code executor} and awaits its result without blocking the loop,
     * like asyncio's {@code await loop.run_in_executor(executor, func)}: the way to hand
     * CPU-bound work to a pool of platform threads (or a {@link java.util.concurrent.ForkJoinPool})
     * while the loop keeps running other tasks.
     *
     * <p>Cancellation, as in asyncio: cancelling the awaiting task cancels the future at once
     * (the task sees a {@link CancellationException}). Work still queued then never starts;
     * work already running is <em>not</em> interrupted: it runs on to its end and its result
     * or failure is dropped. The executor belongs to the caller: the loop neither shuts it down
     * nor waits for it when it closes (use {@link #toThread} for blocking code the loop should
     * own and interrupt).
     *
     * <pre>{@code
     * try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
     *     long v = run(() -> runInExecutor(pool, () -> Fib.plain(32).value()));
     * }
     * }</pre>
     *
     * @param executor where the work runs (not null; for the loop's own pool use {@link #toThread})
     * @param work the work
     * @param <T> its result type
     * @return its result (its checked exceptions wrapped in {@link CoroutineException})
     * @throws java.util.concurrent.RejectedExecutionException if the executor refuses the work
     *         (for instance because it has been shut down)
     * @throws CancellationException if the calling task is cancelled meanwhile
     */
    public static <T> T runInExecutor(java.util.concurrent.Executor executor, Callable<T> work) {
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(work, "work");
        Task<?> me = Task.current("runInExecutor()");
        CompletableFuture<T> cf = new CompletableFuture<>();
        executor.execute(completing(cf, work));
        return me.awaitCompletableFuture(cf, "executor", true);
    }

    /**
     * The work item of {@link #toThread} and {@link #runInExecutor}: runs {@code work} on the
     * thread that takes it and completes {@code cf} with its outcome; never starts once
     * {@code cf} is done (the awaiting task was cancelled while the work was queued).
     */
    private static <T> Runnable completing(CompletableFuture<T> cf, Callable<T> work) {
        return () -> {
            if (cf.isDone()) {
                return;
            }
            try {
                cf.complete(work.call());
            } catch (Throwable t) {
                cf.completeExceptionally(t);
            }
        };
    }

    // ------------------------------------------------------------------ loop access

    /**
     * Opens a TCP connection to {@code host:port}, like {@code asyncio.open_connection}: the
     * calling task awaits the connect, and the returned streams await socket readiness on this
     * loop's selector (the loop's wait step becomes {@code Selector.select} while a socket is
     * awaited). A host name is resolved on the calling coroutine (blocking; literal addresses and
     * {@code localhost} cost nothing). Closing the loop closes every connection it opened.
     * Not available on a virtual clock (sockets take real time).
     *
     * @param host a host name or address, e.g. {@code "127.0.0.1"}
     * @param port the port, 0..65535
     * @return the reader and writer of the connection
     * @throws java.net.UnknownHostException if the host name does not resolve
     * @throws java.net.ConnectException if the connection is refused (the message names host:port)
     * @throws java.io.IOException if the socket fails otherwise
     * @throws IllegalStateException outside a coroutine, or on a loop with a virtual clock
     */
    public static Connection openConnection(String host, int port) throws java.io.IOException {
        Objects.requireNonNull(host, "host");
        SocketStream s = SocketStream.connect(host, port);
        return new Connection(new StreamReader(s), new StreamWriter(s));
    }

    /**
     * Starts a TCP server, like asyncio's {@code asyncio.start_server(handler, host, port)}: it
     * listens on {@code host:port} and runs {@code handler} as a new task for each connection it
     * accepts, with the connection's reader and writer. The connection is closed when the handler
     * ends. See {@link Server} for closing it and its connections. Not available on a virtual
     * clock (sockets take real time).
     *
     * <pre>{@code
     * Server server = startServer((reader, writer) -> {
     *     writer.write(reader.readLine().toUpperCase() + "\n");
     * }, "127.0.0.1", 8888);
     * server.serveForever();   // until this task is cancelled
     * }</pre>
     *
     * @param handler what to run for each connection
     * @param host the address to listen on, e.g. {@code "127.0.0.1"} ({@code "0.0.0.0"}: every
     *     interface)
     * @param port the port, 0..65535 (0: a free port, see {@link Server#port()})
     * @return the server, already serving
     * @throws java.net.BindException if the address is taken (the message names it)
     * @throws java.net.UnknownHostException if the host name does not resolve
     * @throws java.io.IOException if the socket fails otherwise
     * @throws IllegalStateException outside a coroutine, or on a loop with a virtual clock
     */
    public static Server startServer(ConnectionHandler handler, String host, int port) throws java.io.IOException {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(host, "host: for every interface, pass \"0.0.0.0\"");
        return Server.start(handler, host, port);
    }

    /**
     * Returns the event loop running the calling coroutine or callback.
     *
     * @return the running loop
     * @throws IllegalStateException "no running event loop" outside a loop
     */
    public static EventLoop getRunningLoop() {
        EventLoop loop = RunningLoops.runningLoopOrNull();
        if (loop == null) {
            throw new IllegalStateException("no running event loop");
        }
        return loop;
    }

    /**
     * Returns the running loop's time in seconds (since the loop was built).
     *
     * @return seconds on the loop's clock
     * @throws IllegalStateException outside a loop
     */
    public static double loopTime() {
        return getRunningLoop().time();
    }
}
