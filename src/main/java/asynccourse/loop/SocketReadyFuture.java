package asynccourse.loop;

import java.nio.channels.SelectionKey;

/**
 * One task's wait for a socket to become readable, writable or connected: asyncio's pattern of
 * a future completed by an {@code add_reader}/{@code add_writer} callback. The callback removes
 * the interest and completes this waiter (the task resumes one iteration later, as in asyncio);
 * cancelling the waiting task removes the interest and wakes it with a
 * {@link java.util.concurrent.CancellationException}.
 */
final class SocketReadyFuture extends LoopFuture {
    enum Kind {
        READ, WRITE, CONNECT;

        /** The future's description, made once rather than per wait. */
        final String label = "socket " + name().toLowerCase(java.util.Locale.ROOT);
    }

    private final SelectorIo io;
    private final SelectionKey key;
    private final Kind kind;

    private SocketReadyFuture(EventLoop loop, SelectorIo io, SelectionKey key, Kind kind) {
        super(loop, kind.label);
        this.io = io;
        this.key = key;
        this.kind = kind;
    }

    /** Suspends the calling task until {@code key}'s channel is ready for {@code kind}. */
    static void await(SelectorIo io, SelectionKey key, Kind kind, String detail) {
        Task<?> me = RunningLoops.currentTask("a socket read or write");
        SocketReadyFuture w = new SocketReadyFuture(me.loop, io, key, kind);
        if (kind == Kind.READ) {
            io.addReader(key, w::ready);
        } else {
            io.addWriter(key, w::ready, kind == Kind.CONNECT);
        }
        me.awaitFuture(w, detail);
    }

    private void unwatch() {
        if (kind == Kind.READ) {
            io.removeReader(key);
        } else {
            io.removeWriter(key);
        }
    }

    private void ready() {
        if (!isDone()) {
            unwatch();
            setResult(null);
        }
    }

    @Override
    boolean onCancel(String msg) {
        unwatch();
        return super.onCancel(msg);
    }

    @Override
    boolean awaitsTasks() {
        return false;
    }
}
