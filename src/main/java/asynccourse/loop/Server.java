package asynccourse.loop;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * A TCP server of the loop, asyncio's {@code Server} as {@link Asyncio#startServer} returns it:
 * it listens on one socket, and for each connection it accepts runs a {@link ConnectionHandler}
 * as a task of its own, with the same streams as {@link Asyncio#openConnection}
 * ({@link StreamReader}, {@link StreamWriter}).
 *
 * <p>Closing, as asyncio 3.12.1 (which fixed 3.11's {@code wait_closed}, that returned at once
 * while connections were still open): {@link #close()} stops listening and does not wait;
 * connections already accepted go on. {@link #waitClosed()} waits until the server is closed
 * and every one of its connections is closed too. {@link #closeClients()} (asyncio 3.13's
 * {@code close_clients}) closes the open connections, so {@code close(); closeClients();
 * waitClosed();} shuts everything down cleanly. Closing the loop closes the server and its
 * connections and cancels the handlers still running.
 *
 * <p>Difference from asyncio: a connection is closed when its handler returns, or fails (asyncio
 * closes it on a failure only, and otherwise leaves it to the garbage collector, which closes it
 * with a {@code ResourceWarning}; Java has no such clean-up). A handler that wants to keep the
 * connection open keeps running.
 *
 * <p>Threading: loop-confined: use it from the coroutines and callbacks of the loop that started
 * it. Cancellation: a task cancelled in {@link #waitClosed()} stops waiting (the server is not
 * affected); one cancelled in {@link #serveForever()} closes the server first, as asyncio.
 * Nulls: no argument is an object.
 *
 * <pre>{@code
 * run(() -> {
 *     Server server = startServer((reader, writer) -> {
 *         writer.write("you said: " + reader.readLine() + "\n");
 *     }, "127.0.0.1", 0);                       // 0: any free port
 *     try (Connection c = openConnection("127.0.0.1", server.port())) {
 *         c.writer().write("hello\n");
 *         System.out.println(c.reader().readLine());   // you said: hello
 *     }
 *     server.close();
 *     server.waitClosed();
 *     return null;
 * });
 * }</pre>
 */
public final class Server implements AutoCloseable {
    /** Connections accepted per readiness event at most, and the listen backlog (asyncio's default, 100). */
    private static final int BACKLOG = 100;

    private final EventLoop loop;
    private final SelectorIo io;
    private final ServerSocketChannel channel;
    private final SelectionKey key;
    private final ConnectionHandler handler;
    private final InetSocketAddress address;
    private final LinkedHashSet<SocketStream> active = new LinkedHashSet<>();
    /** Tasks in waitClosed(); null once the server is closed and its last connection is (asyncio's {@code _wakeup}). */
    private List<LoopFuture> waiters = new ArrayList<>();
    private boolean serving = true;
    private boolean closed;
    private LoopFuture servingForever;

    private Server(EventLoop loop, SelectorIo io, ServerSocketChannel channel, SelectionKey key, ConnectionHandler handler,
            InetSocketAddress address) {
        this.loop = loop;
        this.io = io;
        this.channel = channel;
        this.key = key;
        this.handler = handler;
        this.address = address;
    }

    /** asyncio's {@code start_server}: bind, listen, watch for connections, then yield one iteration. */
    static Server start(ConnectionHandler handler, String host, int port) throws IOException {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range 0..65535: " + port + " (0 picks a free port)");
        }
        Task<?> me = RunningLoops.currentTask("startServer()");
        SelectorIo io = me.loop.io();
        ServerSocketChannel ch = ServerSocketChannel.open();
        Server server;
        try {
            InetSocketAddress want = new InetSocketAddress(host, port); // a name is resolved here, blocking
            if (want.isUnresolved()) {
                throw new UnknownHostException("unknown host: " + host);
            }
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            try {
                ch.bind(want, BACKLOG);
            } catch (BindException e) {
                BindException b = new BindException("could not listen on " + host + ":" + port + ": " + e.getMessage()
                        + (port != 0 ? " (is another server on that port? pass port 0 for any free port)" : ""));
                b.initCause(e);
                throw b;
            }
            ch.configureBlocking(false);
            SelectionKey key = io.register(ch);
            server = new Server(me.loop, io, ch, key, handler, (InetSocketAddress) ch.getLocalAddress());
            io.addReader(key, server::accept);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        me.sleepNanos(0); // asyncio: "skip one loop iteration so that all add_reader go through"
        return server;
    }

    /** The reader callback of the listening socket: accepts what is waiting (asyncio's {@code _accept_connection}). */
    private void accept() {
        for (int i = 0; i < BACKLOG && !closed; i++) {
            SocketChannel c;
            try {
                c = channel.accept();
            } catch (IOException e) {
                loop.warn("socket.accept() out of system resource on " + this + ": " + e);
                return;
            }
            if (c == null) {
                return;
            }
            SocketStream[] s = new SocketStream[1];
            try {
                s[0] = SocketStream.accepted(loop, io, c, () -> detach(s[0]));
            } catch (IOException e) {
                loop.warn("could not set up an accepted connection on " + this + ": " + e);
                continue;
            }
            active.add(s[0]);
            serve(s[0]);
        }
    }

    private void serve(SocketStream s) {
        StreamReader reader = new StreamReader(s);
        StreamWriter writer = new StreamWriter(s);
        Task<Void> t = loop.createTask(() -> {
            handler.handle(reader, writer);
            return null;
        }, null);
        t.addCallbackInternal(() -> {
            Throwable e = t.rawException();
            if (e != null && !t.isCancelled()) {
                t.markRetrieved();
                loop.warn("Unhandled exception in client_connected_cb: " + t + "\n" + t.exceptionStack());
            }
            s.close(); // once the buffered bytes are sent
        });
    }

    /** A connection of this server was closed (asyncio's {@code _detach}). */
    private void detach(SocketStream s) {
        active.remove(s);
        if (active.isEmpty() && closed) {
            wakeUp();
        }
    }

    private void wakeUp() {
        List<LoopFuture> ws = waiters;
        waiters = null;
        if (ws != null) {
            for (LoopFuture w : ws) {
                w.release();
            }
        }
    }

    /**
     * Stops listening (asyncio's {@code close()}): no new connection is accepted; those already
     * accepted go on. Does not wait (see {@link #waitClosed()}); closing twice does nothing.
     *
     * @throws IllegalStateException from a thread that is not running the server's loop
     */
    @Override
    public void close() {
        loop.checkOwner("Server.close");
        if (closed) {
            return;
        }
        closed = true;
        serving = false;
        io.closeChannel(key);
        LoopFuture f = servingForever;
        if (f != null && !f.isDone()) {
            f.cancel(null);
            servingForever = null;
        }
        if (active.isEmpty()) {
            wakeUp();
        }
    }

    /**
     * Closes every connection of this server still open (asyncio 3.13's {@code close_clients()}),
     * each once what was written to it has been sent. Their handlers then see the end of the
     * stream or a closed connection.
     *
     * @throws IllegalStateException from a thread that is not running the server's loop
     */
    public void closeClients() {
        loop.checkOwner("Server.closeClients");
        for (SocketStream s : new ArrayList<>(active)) {
            s.close();
        }
    }

    /**
     * Waits until the server is closed and every connection it accepted is closed too (asyncio
     * 3.12.1's {@code wait_closed()}); returns at once if that is so already.
     *
     * @throws CancellationException if the calling task is cancelled meanwhile
     * @throws IllegalStateException outside a coroutine of the server's loop
     */
    public void waitClosed() {
        Task<?> me = Task.current("Server.waitClosed()");
        if (waiters == null) {
            return;
        }
        LoopFuture w = new LoopFuture(loop, "Server.waitClosed");
        waiters.add(w);
        try {
            me.awaitFuture(w, loop.trace != null ? "server closed" : null);
        } finally {
            if (waiters != null) {
                waiters.remove(w);
            }
        }
    }

    /**
     * Serves until the calling task is cancelled (asyncio's {@code serve_forever()}); then closes
     * the server, waits for it to be closed ({@link #waitClosed()}) and rethrows the
     * {@link CancellationException}. {@link #close()} from elsewhere ends it the same way.
     *
     * @throws CancellationException always, in the end
     * @throws IllegalStateException if the server is closed, or another task is in
     *     {@code serveForever()} already
     */
    public void serveForever() {
        Task<?> me = Task.current("Server.serveForever()");
        if (servingForever != null) {
            throw new IllegalStateException("server " + this + " is already being awaited on serveForever()");
        }
        if (closed) {
            throw new IllegalStateException("server " + this + " is closed");
        }
        LoopFuture f = new LoopFuture(loop, "Server.serveForever");
        servingForever = f;
        try {
            me.awaitFuture(f, loop.trace != null ? "serve forever" : null);
        } catch (CancellationException e) {
            try {
                close();
                waitClosed();
            } catch (RuntimeException again) {
                e.addSuppressed(again);
            }
            throw e;
        } finally {
            if (servingForever == f) {
                servingForever = null;
            }
        }
    }

    /**
     * Tells whether the server accepts connections (asyncio's {@code is_serving()}).
     *
     * @return true until {@link #close()}
     */
    public boolean isServing() {
        return serving;
    }

    /**
     * Returns the addresses the server listens on (asyncio's {@code sockets}, as addresses).
     *
     * @return one address while serving; empty once closed
     */
    public List<InetSocketAddress> sockets() {
        return closed ? List.of() : List.of(address);
    }

    /**
     * Returns the port the server listens on (the one the system picked, if it was started with
     * port 0).
     *
     * @return the port
     */
    public int port() {
        return address.getPort();
    }

    /**
     * Returns how many connections of this server are open.
     *
     * @return the count
     */
    public int connections() {
        return active.size();
    }

    /**
     * Describes the server as asyncio's repr does: {@code <Server sockets=[/127.0.0.1:8080]>}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "<Server sockets=" + sockets() + ">";
    }
}
