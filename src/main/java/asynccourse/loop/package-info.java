/**
 * An asyncio-style event loop: one thread of control, coroutines written in direct style,
 * tasks that interleave only at awaits.
 *
 * <p><b>Where to start.</b> The notebooks use a small core: the static methods of
 * {@link asynccourse.loop.Asyncio} ({@code run}, {@code runTraced}, {@code createTask},
 * {@code sleep}, {@code gather}, {@code waitFor}, {@code timeout}, {@code toThread},
 * {@code runInExecutor}, {@code loopTime}), {@link asynccourse.loop.Task},
 * {@link asynccourse.loop.Coroutine}, {@link asynccourse.loop.TaskGroup} with its exception,
 * {@link asynccourse.loop.AsyncTimeoutException}, {@link asynccourse.loop.Queue} and
 * {@link asynccourse.loop.Semaphore} (chapter 05), and {@link asynccourse.loop.EventLoop}'s
 * builder for a virtual clock or a trace. The rest is there so that each asyncio tool a
 * Python programmer knows has its counterpart, with the same behaviour: {@code Lock},
 * {@code Event}, {@code BoundedSemaphore}, the streams, timer handles, the clocks, the
 * queue's exceptions, and the hooks a host needs ({@code RunListener}).
 *
 * <p>Map of the package (one concept per file, after CPython 3.11's {@code asyncio}, whose
 * behaviour and ordering the library follows by default; {@link asynccourse.loop.AsyncioVersion}
 * selects 3.12's where the two differ):
 * <ul>
 *   <li>{@link asynccourse.loop.Asyncio} — the static facade ({@code asyncio} module):
 *       {@code run}, {@code createTask}, {@code sleep}, {@code await}, {@code gather},
 *       {@code waitFor}, {@code waitTasks}, {@code asCompleted}, {@code shield},
 *       {@code timeout}, {@code toThread}, {@code startServer}, {@code allTasks},
 *       {@code runCoroutineThreadsafe}, {@code getRunningLoop}.</li>
 *   <li>{@link asynccourse.loop.Awaitable}, {@link asynccourse.loop.AsyncFuture} — what a
 *       coroutine awaits: a task or a bare future ({@code futures.py});
 *       {@link asynccourse.loop.WaitResult}, {@link asynccourse.loop.ReturnWhen},
 *       {@link asynccourse.loop.Completion} — what {@code waitTasks} and {@code asCompleted}
 *       take and give ({@code asyncio.wait}, {@code as_completed}).</li>
 *   <li>{@link asynccourse.loop.Timeout} — a time limit on a block of code
 *       ({@code timeouts.py}).</li>
 *   <li>{@link asynccourse.loop.EventLoop} — the loop itself ({@code base_events.py}): ready
 *       queue, timers, thread-safe submissions, one {@code runOnce} per iteration;
 *       {@link asynccourse.loop.AsyncioVersion} — which asyncio's orders it follows.</li>
 *   <li>{@link asynccourse.loop.Coroutine} — what a task runs.</li>
 *   <li>{@link asynccourse.loop.Task}, {@link asynccourse.loop.TaskState} — a scheduled
 *       coroutine ({@code tasks.py}).</li>
 *   <li>{@link asynccourse.loop.TaskGroup}, {@link asynccourse.loop.TaskGroupException} —
 *       structured concurrency ({@code taskgroups.py}).</li>
 *   <li>{@link asynccourse.loop.Queue}, {@link asynccourse.loop.Semaphore},
 *       {@link asynccourse.loop.BoundedSemaphore}, {@link asynccourse.loop.Lock},
 *       {@link asynccourse.loop.Event}, {@link asynccourse.loop.Condition},
 *       {@link asynccourse.loop.Barrier}, {@link asynccourse.loop.Held},
 *       {@link asynccourse.loop.QueueFullException}, {@link asynccourse.loop.QueueEmptyException}
 *       — synchronisation primitives for coroutines ({@code queues.py}, {@code locks.py}).</li>
 *   <li>{@link asynccourse.loop.Connection}, {@link asynccourse.loop.StreamReader},
 *       {@link asynccourse.loop.StreamWriter}, {@link asynccourse.loop.Server},
 *       {@link asynccourse.loop.ConnectionHandler} — TCP streams, client and server
 *       ({@code streams.py}, {@code base_events.Server}).</li>
 *   <li>{@link asynccourse.loop.TimerHandle} — a cancellable timer ({@code events.py}).</li>
 *   <li>{@link asynccourse.loop.LoopClock}, {@link asynccourse.loop.MonotonicClock},
 *       {@link asynccourse.loop.VirtualClock} — time sources; the virtual one makes runs
 *       instant and deterministic.</li>
 *   <li>{@link asynccourse.loop.RunResult} — value, elapsed time and timeline of a traced
 *       run.</li>
 *   <li>{@link asynccourse.loop.RunListener} — a host's hook into every run (started,
 *       interrupted, ended): how a notebook kernel reports runs it could not see end.</li>
 *   <li>{@link asynccourse.loop.CoroutineException}, {@link asynccourse.loop.AsyncTimeoutException}
 *       — the unchecked exceptions; cancellation is
 *       {@link java.util.concurrent.CancellationException}.</li>
 * </ul>
 *
 * <p>How it works: each task's coroutine runs on a stack of its own, and control passes by
 * strict hand-over: the loop resumes one task and waits until it suspends at an await or
 * finishes, so at most one coroutine runs at any instant and a blocking call stalls every task,
 * as in asyncio. The stack is a JDK continuation ({@code jdk.internal.vm.Continuation}, what
 * virtual threads are made of) mounted on the loop's own driver thread, when the JVM exports it
 * ({@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED}, as the course kernel does);
 * otherwise a virtual thread per task, with a virtual driver thread, where
 * {@code -Djdk.virtualThreadScheduler.parallelism=1} makes the hand-overs cheaper (they never
 * cross cores). Scheduling is the same either way, and so is everything the loop's own API
 * does; what {@code Thread.currentThread()}, {@code ThreadLocal} and thread-owned locks mean
 * inside a coroutine differs (see {@link asynccourse.loop.EventLoop}, "The thread a coroutine
 * sees"). {@link asynccourse.loop.EventLoop#coroutineStacks()} says which one runs.
 *
 * <p>Inside (package-private, each with its invariants at the top): {@code Handover} — the
 * passing of control between the driver and one coroutine, on a continuation
 * ({@code ContinuationHandover}, {@code Continuations}) or a virtual thread
 * ({@code ThreadHandover}), each with its happens-before edges;
 * {@code Handle} — the one kind of item in the ready queue (a task's step, a due timer, a
 * callback); {@code LoopLifecycle} — starting a run on the driver thread, interrupts,
 * closing; {@code LoopSettings} — what the builder collects; {@code WaitTarget} — what a
 * suspended task waits on.
 */
package asynccourse.loop;
