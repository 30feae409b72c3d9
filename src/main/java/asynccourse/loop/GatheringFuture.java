package asynccourse.loop;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * The future behind {@code gather}: asyncio's {@code _GatheringFuture}. Results in input order;
 * without return-exceptions the first failure (or cancellation) of a child completes it
 * (other children keep running); cancelling it cancels every child.
 */
final class GatheringFuture extends LoopFuture {
    private final Task<?>[] children;
    private final boolean returnExceptions;
    private int finished;
    private boolean cancelRequested;
    private String cancelMessage;

    GatheringFuture(EventLoop loop, List<? extends Task<?>> tasks, boolean returnExceptions) {
        super(loop, null); // described on demand: a gather is made per call of fib
        this.children = tasks.toArray(new Task<?>[0]);
        this.returnExceptions = returnExceptions;
        for (Task<?> c : children) {
            if (c == null) {
                throw new NullPointerException("gather: null task");
            }
            if (c.loop != loop) {
                throw new IllegalStateException("gather: " + c + " belongs to a different event loop");
            }
        }
        if (children.length == 0) {
            setResult(Collections.emptyList());
            return;
        }
        if (!loop.asyncio312) {
            for (Task<?> c : children) {
                c.addCallbackInternal(new ChildDone(loop, this, c)); // 3.11: even a done child reports next iteration
            }
            return;
        }
        // asyncio 3.12: children already done are counted now, after the others'
        // callbacks are registered, so a gather of finished tasks is done before it is awaited
        for (Task<?> c : children) {
            if (!c.isDone()) {
                c.addCallbackInternal(new ChildDone(loop, this, c));
            }
        }
        for (Task<?> c : children) {
            if (c.isDone()) {
                childDone(c);
            }
        }
    }

    @Override
    String description() {
        return "gather(" + children.length + ")";
    }

    /** The done callback registered on each child. */
    private static final class ChildDone extends Handle.Callback {
        private final GatheringFuture g;
        private final Task<?> child;

        ChildDone(EventLoop loop, GatheringFuture g, Task<?> child) {
            super(loop);
            this.g = g;
            this.child = child;
        }

        @Override
        public void run() {
            g.childDone(child);
        }

        @Override
        public String toString() {
            return "done callback of " + child.name() + " for " + g.describeWait(); // as a loop stepper shows it
        }
    }

    private void childDone(Task<?> c) {
        finished++;
        if (isDone()) {
            c.markRetrieved();
            return;
        }
        if (!returnExceptions) {
            if (c.isCancelled()) {
                Throwable ce = c.rawException();
                setException(ce != null ? ce : new CancellationException("gather: " + c.name() + " was cancelled"));
                return;
            }
            Throwable ex = c.rawException();
            if (ex != null) {
                c.markRetrieved();
                setException(ex);
                return;
            }
        }
        if (finished == children.length) {
            Object[] results = new Object[children.length];
            for (int i = 0; i < children.length; i++) {
                Task<?> t = children[i];
                t.markRetrieved();
                Throwable ex = t.rawException();
                results[i] = ex != null ? ex : t.result();
            }
            if (cancelRequested) {
                setException(new CancellationException(cancelMessage));
            } else {
                setResult(Collections.unmodifiableList(Arrays.asList(results)));
            }
        }
    }

    /** asyncio's {@code _GatheringFuture.cancel}: cancels the children, not itself; it ends when they have. */
    @Override
    boolean onCancel(String msg) {
        boolean ret = false;
        for (Task<?> c : children) {
            if (c.cancel(msg)) {
                ret = true;
            }
        }
        if (ret) {
            cancelRequested = true;
            cancelMessage = msg;
        }
        return ret;
    }

    @Override
    boolean sweepReachesAwaited() {
        return true; // the sweep cancels every child itself
    }

    @Override
    Iterable<Task<?>> awaitedTasks() {
        return isDone() ? List.of() : Arrays.asList(children);
    }

}
