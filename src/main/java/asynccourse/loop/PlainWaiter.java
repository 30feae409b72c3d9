package asynccourse.loop;

import java.util.concurrent.CancellationException;

/**
 * A bare loop future, asyncio's {@code loop.create_future()}: completed by a callback of the
 * loop, awaited by one task. Cancelling it cancels only itself (the awaiting task then sees a
 * {@link CancellationException} with the message). {@code waitFor} awaits one of these rather
 * than the inner task, as CPython 3.11's {@code wait_for} does, so that the caller's own
 * cancellation stays apart from the inner task's outcome.
 */
final class PlainWaiter extends Waiter {
    private final String description;

    PlainWaiter(EventLoop loop, String description) {
        super(loop);
        this.description = description;
    }

    /** asyncio's {@code _release_waiter}: sets the result unless already done. */
    void release() {
        setResult(null);
    }

    @Override
    boolean cancel(String msg) {
        if (isDone()) {
            return false;
        }
        setException(new CancellationException(msg));
        return true;
    }

    @Override
    String describe() {
        return description;
    }
}
