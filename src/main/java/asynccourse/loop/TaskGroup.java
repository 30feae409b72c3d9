package asynccourse.loop;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * Structured concurrency on the loop, like asyncio's {@code TaskGroup}: tasks created through
 * the group are awaited by {@link #close()}; the first failure cancels the remaining children,
 * waits for them, and {@code close()} throws {@link TaskGroupException} (cause: the first
 * failure; further failures suppressed).
 *
 * <p>Threading: create, use and close the group in one coroutine of a running loop. A child
 * created from another coroutine of the same loop is accepted. Cancellation: if the coroutine
 * waiting in {@code close()} is cancelled, every child is cancelled and awaited, then the
 * {@link CancellationException} is rethrown (child failures, if any, win). Java does not tell
 * {@code close()} that the body of a try-with-resources threw, so for "a failing body cancels
 * the children" use {@link #run(Body)}; in a try-with-resources, the children of a failing body
 * are still awaited normally. {@code run} also interrupts the body, like asyncio, when a child
 * fails while the body is still awaiting something. Nulls: coroutines must not be null.
 *
 * <pre>{@code
 * try (var tg = new TaskGroup()) {
 *     tg.createTask(() -> sayAfter(Duration.ofSeconds(1), "hello"));
 *     tg.createTask(() -> sayAfter(Duration.ofSeconds(2), "world"));
 * } // both done here, 2 s later
 *
 * int n = TaskGroup.run(tg -> {
 *     Task<Integer> a = tg.createTask(() -> 1);
 *     return a.await() + 1;
 * });
 * }</pre>
 */
public final class TaskGroup implements AutoCloseable {

    /**
     * The body of {@link #run(Body)}.
     *
     * @param <R> its result type
     */
    @FunctionalInterface
    public interface Body<R> {
        /**
         * Creates the group's tasks (and may await things).
         *
         * @param tg the group
         * @return a result
         * @throws Exception any failure, which cancels the children
         */
        R apply(TaskGroup tg) throws Exception;
    }

    private final Task<?> parent;
    private final EventLoop loop;
    private final List<Task<?>> children = new ArrayList<>();
    private final List<Throwable> errors = new ArrayList<>();
    private int pendingCount;
    private boolean aborting;
    private boolean closing;
    private boolean closed;
    private boolean cancelParentOnFailure;
    private boolean parentCancelPending;
    private GroupWaiter waiter;

    /**
     * Opens a group in the calling coroutine.
     *
     * @throws IllegalStateException outside a coroutine
     */
    public TaskGroup() {
        this.parent = Task.current("new TaskGroup()");
        this.loop = parent.loop;
    }

    /**
     * Runs {@code body} with a fresh group, then closes the group: if the body throws, the
     * children are cancelled and awaited before the body's exception is rethrown (a
     * {@link TaskGroupException} from closing is added to it as suppressed; asyncio wraps the
     * body's exception into the group instead). A cancelled body is not an error of its own: if
     * children failed, their {@code TaskGroupException} is thrown, the cancellation suppressed. If a child fails
     * while the body is still awaiting, the body is cancelled (as in asyncio) and the
     * {@code TaskGroupException} is thrown.
     *
     * @param body the body
     * @param <R> its result type
     * @return the body's result
     */
    public static <R> R run(Body<R> body) {
        Objects.requireNonNull(body, "body");
        TaskGroup tg = new TaskGroup();
        tg.cancelParentOnFailure = true;
        R r;
        try {
            r = body.apply(tg);
        } catch (Throwable t) {
            if (t instanceof CancellationException && tg.takeBackParentCancel()) {
                // our own cancellation of the body: the failure wins
                tg.close();
                throw new IllegalStateException("unreachable: a failed child must make close() throw");
            }
            tg.abort();
            try {
                tg.close();
            } catch (TaskGroupException failed) {
                if (t instanceof CancellationException) {
                    // as in close(): the children's failures win over a cancellation
                    failed.addSuppressed(t);
                    throw failed;
                }
                t.addSuppressed(failed);
            } catch (Throwable closing) {
                t.addSuppressed(closing);
            }
            throw CoroutineException.rethrow(t);
        }
        tg.close();
        return r;
    }

    /**
     * Creates a task in the group (named {@code "Task-N"}).
     *
     * @param coro the coroutine
     * @param <T> its result type
     * @return the task
     * @throws IllegalStateException if the group is closed or shutting down after a failure
     */
    public <T> Task<T> createTask(Coroutine<T> coro) {
        return createTask(coro, null);
    }

    /**
     * Creates a named task in the group.
     *
     * @param coro the coroutine
     * @param name the task's name, or null for the default
     * @param <T> its result type
     * @return the task
     * @throws IllegalStateException if the group is closed or shutting down after a failure
     */
    public <T> Task<T> createTask(Coroutine<T> coro, String name) {
        Objects.requireNonNull(coro, "coro");
        Task<?> me = Task.current("TaskGroup.createTask()");
        if (me.loop != loop) {
            throw new IllegalStateException("TaskGroup.createTask() from a different event loop");
        }
        if (closed) {
            throw new IllegalStateException("TaskGroup is finished");
        }
        if (aborting) {
            throw new IllegalStateException("TaskGroup is shutting down (a task failed or it was cancelled)");
        }
        Task<T> t = loop.createTask(coro, name);
        children.add(t);
        pendingCount++;
        if (loop.eagerTasks && t.isDone()) {
            childDone(t); // asyncio 3.12: a task that finished eagerly is counted at once, no callback
        } else {
            t.addCallbackInternal(() -> childDone(t));
        }
        return t;
    }

    private void childDone(Task<?> t) {
        pendingCount--;
        if (t.state() == TaskState.FAILED) {
            t.markRetrieved();
            errors.add(t.rawException());
            if (!aborting) {
                abort();
                // as asyncio 3.11's _on_task_done: the parent is cancelled also while it waits in close()
                // (it wakes, takes the cancellation back and waits again for the children still pending)
                if ((cancelParentOnFailure || closing) && !parent.isDone()) {
                    parentCancelPending = true;
                    parent.cancel("a task of the TaskGroup failed");
                }
            }
        }
        if (pendingCount == 0 && waiter != null) {
            waiter.setResult(null);
        }
    }

    /** Takes back the group's own cancellation of its parent, if it made one; true if so. */
    private boolean takeBackParentCancel() {
        if (!parentCancelPending) {
            return false;
        }
        parentCancelPending = false;
        parent.uncancel();
        return true;
    }

    private void abort() {
        aborting = true;
        for (Task<?> c : children) {
            if (!c.isDone()) {
                c.cancel();
            }
        }
    }

    /**
     * Awaits every child; see the class comment for failures and cancellation.
     *
     * @throws TaskGroupException if children failed
     * @throws CancellationException if the waiting coroutine was cancelled
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        Task<?> me = Task.current("TaskGroup.close()");
        if (me.loop != loop) {
            throw new IllegalStateException("TaskGroup.close() from a different event loop");
        }
        closing = true;
        CancellationException cancelled = null;
        while (pendingCount > 0) {
            waiter = new GroupWaiter(this, pendingCount);
            try {
                me.awaitFuture(waiter, loop.trace != null ? "taskgroup(" + pendingCount + ")" : null);
            } catch (CancellationException ce) {
                if (!takeBackParentCancel() && cancelled == null) {
                    cancelled = ce;
                }
                if (!aborting) {
                    abort();
                }
            }
            waiter = null;
        }
        closed = true;
        takeBackParentCancel();
        if (!errors.isEmpty()) {
            TaskGroupException ex = new TaskGroupException(errors);
            if (cancelled != null) {
                ex.addSuppressed(cancelled);
            }
            throw ex;
        }
        if (cancelled != null) {
            throw cancelled;
        }
    }

    /**
     * Returns the tasks created in this group so far.
     *
     * @return a copy of the children, in creation order
     */
    public List<Task<?>> tasks() {
        return List.copyOf(children);
    }

    @Override
    public String toString() {
        return "<TaskGroup tasks=" + children.size() + " pending=" + pendingCount
                + (aborting ? " aborting" : "") + (closed ? " closed" : "") + ">";
    }

    /** What close() awaits: completed when the last child is done; cancelling it wakes close(). */
    private static final class GroupWaiter extends LoopFuture {
        private final TaskGroup group;

        GroupWaiter(TaskGroup group, int n) {
            super(group.loop, "taskgroup(" + n + ")");
            this.group = group;
        }

        @Override
        Iterable<Task<?>> awaitedTasks() {
            return isDone() ? List.of() : group.children;
        }
    }
}
