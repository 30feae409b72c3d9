package asynccourse.loop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

    /**
     * Runs {@code coro} as a task and awaits it for at most {@code timeout}, exactly as CPython
     * 3.11's {@code asyncio.wait_for} (the version this whole library follows): on timeout
     * the task is cancelled, awaited until it has finished cancelling, and
     * {@link AsyncTimeoutException} is thrown; see {@link #waitFor(Task, Duration)} for the
     * full contract and ordering.
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
        return WaitFor.run(me, () -> me.loop.createTask(coro, null), timeout);
    }

    /**
     * Awaits {@code task} for at most {@code timeout}, exactly as CPython 3.11's
     * {@code asyncio.wait_for}. We follow 3.11 because the whole loop follows 3.11's ordering
     * (3.12 rewrote {@code wait_for} on top of {@code asyncio.timeout}, with other orderings).
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
        return WaitFor.run(me, () -> task, timeout);
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
