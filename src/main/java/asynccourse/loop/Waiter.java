package asynccourse.loop;

/**
 * A loop-confined one-shot future awaited by one task (asyncio's {@code Future}, reduced to
 * what gather and task groups need). Subclasses decide what cancelling it means.
 */
abstract non-sealed class Waiter extends WaitTarget {
    final EventLoop loop;
    private boolean done;
    private Object result;
    private Throwable exception;
    private Handle waiterStep;

    Waiter(EventLoop loop) {
        this.loop = loop;
    }

    final boolean isDone() {
        return done;
    }

    final void setWaiter(Handle step) {
        waiterStep = step;
    }

    final void setResult(Object r) {
        if (done) {
            return;
        }
        done = true;
        result = r;
        wake();
    }

    final void setException(Throwable t) {
        if (done) {
            return;
        }
        done = true;
        exception = t;
        wake();
    }

    private void wake() {
        Handle s = waiterStep;
        waiterStep = null;
        if (s != null) {
            loop.schedule(s);
        }
    }

    final Object resultOrThrow() {
        if (exception != null) {
            throw CoroutineException.rethrow(exception);
        }
        return result;
    }

    @Override
    final boolean cancelFor(Task<?> waiter, String msg) {
        return cancel(msg);
    }

    @Override
    boolean awaitsTasks() {
        return true; // a gather or a task group; a waiter for other things has no awaited tasks
    }

    @Override
    final String describeWait() {
        return "<" + describe() + ">";
    }

    /** Cancels the awaited work; true if the cancellation will reach the awaiter through this. */
    abstract boolean cancel(String msg);

    /** A short description for reprs ("gather(2)"). */
    abstract String describe();
}
