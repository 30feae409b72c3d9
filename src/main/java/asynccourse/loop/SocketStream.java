package asynccourse.loop;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

/**
 * The socket under a {@link StreamReader}/{@link StreamWriter} pair: a non-blocking
 * {@link SocketChannel} registered with its loop's {@link SelectorIo} (asyncio's selector
 * transport, reduced to what the streams need). Reads are pulled by the reader (try the socket,
 * and only if it has nothing, await readability); writes go out at once as far as the socket
 * takes them, the rest is buffered and sent by a writer callback as the socket becomes writable.
 *
 * <p>Threading: loop-confined (its loop's coroutines and callbacks).
 */
final class SocketStream {
    final EventLoop loop;
    final SelectorIo io;
    final SocketChannel channel;
    final SelectionKey key;
    final String peer;

    private final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();
    private long pendingBytes;
    private boolean closing;
    private boolean closed;
    private IOException writeError;
    private final java.util.ArrayList<LoopFuture> drainWaiters = new java.util.ArrayList<>(1);
    private final java.util.ArrayList<LoopFuture> closeWaiters = new java.util.ArrayList<>(1);
    private final Runnable flush = this::flushReady;
    /** Run once when the socket is closed (a server's count of its connections); null if none. */
    private Runnable onClosed;

    private SocketStream(EventLoop loop, SelectorIo io, SocketChannel channel, SelectionKey key, String peer) {
        this.loop = loop;
        this.io = io;
        this.channel = channel;
        this.key = key;
        this.peer = peer;
    }

    /** asyncio's {@code open_connection} underneath: connect, awaiting the connect's completion. */
    static SocketStream connect(String host, int port) throws IOException {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range 0..65535: " + port);
        }
        Task<?> me = RunningLoops.currentTask("openConnection()");
        SelectorIo io = me.loop.io();
        String peer = host + ":" + port;
        SocketChannel ch = SocketChannel.open();
        SelectionKey key;
        try {
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            key = io.register(ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        SocketStream s = new SocketStream(me.loop, io, ch, key, peer);
        boolean ok = false;
        try {
            InetSocketAddress addr = new InetSocketAddress(host, port); // a name is resolved here, blocking
            if (addr.isUnresolved()) {
                throw new UnknownHostException("unknown host: " + host);
            }
            if (!ch.connect(addr)) {
                SocketReadyFuture.await(io, key, SocketReadyFuture.Kind.CONNECT, me.loop.trace != null ? "connect " + peer : null);
                try {
                    ch.finishConnect();
                } catch (ConnectException e) {
                    ConnectException c = new ConnectException("could not connect to " + peer + ": " + e.getMessage());
                    c.initCause(e);
                    throw c;
                }
            }
            ok = true;
            return s;
        } finally {
            if (!ok) {
                s.closeNow();
            }
        }
    }

    /**
     * The stream of a connection a server accepted ({@link Server}): non-blocking, registered
     * with the loop's selector; {@code onClosed} runs once when it is closed.
     */
    static SocketStream accepted(EventLoop loop, SelectorIo io, SocketChannel ch, Runnable onClosed) throws IOException {
        SelectionKey key;
        String peer;
        try {
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            peer = String.valueOf(ch.getRemoteAddress());
            key = io.register(ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        SocketStream s = new SocketStream(loop, io, ch, key, peer);
        s.onClosed = onClosed;
        return s;
    }

    // ------------------------------------------------------------------ reading

    /** Reads what the socket has into {@code dst} (write mode), awaiting readability first if it has nothing; -1 at EOF. */
    int read(ByteBuffer dst) throws IOException {
        while (true) {
            checkOpen();
            int n = channel.read(dst);
            if (n != 0) {
                return n;
            }
            SocketReadyFuture.await(io, key, SocketReadyFuture.Kind.READ, loop.trace != null ? "read " + peer : null);
        }
    }

    // ------------------------------------------------------------------ writing

    void write(ByteBuffer src) throws IOException {
        checkOpen();
        if (closing) {
            throw new IOException("write after close on the connection to " + peer);
        }
        if (writeError != null) {
            throw writeError;
        }
        if (pending.isEmpty()) {
            channel.write(src);
            if (!src.hasRemaining()) {
                return;
            }
            io.addWriter(key, flush, false);
        }
        ByteBuffer copy = ByteBuffer.allocate(src.remaining()).put(src).flip();
        pending.add(copy);
        pendingBytes += copy.remaining();
    }

    long bufferedBytes() {
        return pendingBytes;
    }

    /** The writer callback: sends what is buffered as far as the socket takes it. */
    private void flushReady() {
        try {
            while (!pending.isEmpty()) {
                ByteBuffer b = pending.peek();
                int n = channel.write(b);
                pendingBytes -= n;
                if (b.hasRemaining()) {
                    return; // the socket is full: stay registered
                }
                pending.poll();
            }
        } catch (IOException e) {
            writeError = e;
            pending.clear();
            pendingBytes = 0;
        }
        io.removeWriter(key);
        releaseAll(drainWaiters);
        if (closing || writeError != null) {
            closeNow();
        }
    }

    void drain() throws IOException {
        if (writeError != null) {
            throw writeError;
        }
        checkOpen();
        if (!pending.isEmpty()) {
            Task<?> me = RunningLoops.currentTask("StreamWriter.drain()");
            LoopFuture w = new LoopFuture(loop, "drain " + peer);
            drainWaiters.add(w);
            try {
                me.awaitFuture(w, loop.trace != null ? "drain " + peer : null);
            } finally {
                drainWaiters.remove(w);
            }
            if (writeError != null) {
                throw writeError;
            }
        }
    }

    // ------------------------------------------------------------------ closing

    void shutdownOutput() throws IOException {
        checkOpen();
        channel.shutdownOutput();
    }

    /** asyncio's {@code transport.close()}: closes now, or once the buffered bytes are sent. */
    void close() {
        if (closed || closing) {
            return;
        }
        closing = true;
        if (pending.isEmpty()) {
            closeNow();
        }
    }

    void closeNow() {
        if (closed) {
            return;
        }
        closed = true;
        closing = true;
        pending.clear();
        pendingBytes = 0;
        io.closeChannel(key);
        releaseAll(drainWaiters);
        releaseAll(closeWaiters);
        Runnable r = onClosed;
        onClosed = null;
        if (r != null) {
            r.run();
        }
    }

    void waitClosed() {
        if (closed) {
            return;
        }
        if (!closing) {
            throw new IllegalStateException("waitClosed() before close() on the connection to " + peer);
        }
        Task<?> me = RunningLoops.currentTask("StreamWriter.waitClosed()");
        LoopFuture w = new LoopFuture(loop, "close " + peer);
        closeWaiters.add(w);
        try {
            me.awaitFuture(w, loop.trace != null ? "close " + peer : null);
        } finally {
            closeWaiters.remove(w);
        }
    }

    boolean isClosing() {
        return closing;
    }

    private static void releaseAll(java.util.ArrayList<LoopFuture> ws) {
        for (LoopFuture w : ws) {
            w.release();
        }
    }

    private void checkOpen() throws IOException {
        if (closed || !channel.isOpen()) {
            throw new IOException("the connection to " + peer + " is closed");
        }
    }
}
