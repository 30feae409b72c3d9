package asynccourse.loop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Queue;

/**
 * The part of an {@link EventLoop} that waits on sockets, like asyncio's selector event loop
 * ({@code BaseSelectorEventLoop}): one {@link Selector}, created on first use, with a reader and
 * a writer callback per channel ({@code add_reader}/{@code add_writer}).
 *
 * <h2>Invariants</h2>
 * <ol>
 *   <li><b>Lazy.</b> A loop that never opens a socket never creates a Selector; while no
 *       channel is watched the loop parks as before.</li>
 *   <li><b>The wait step selects.</b> While some channel is watched, the loop's wait step is
 *       {@code selector.select(timeout)} with the timeout to the next timer; a thread-safe
 *       submission wakes it ({@link #wakeup()}).</li>
 *   <li><b>asyncio's order.</b> After the wait, the readiness callbacks join the ready queue
 *       (per channel: reader, then writer), before the timers that are due, as in CPython's
 *       {@code _run_once} ({@code _process_events}, then the scheduled handles). The selector
 *       is polled (timeout 0) on every iteration, also when callbacks are ready already.
 *       Callbacks stay registered until removed ({@code add_reader} semantics).</li>
 *   <li><b>Closing the loop</b> closes the selector and every channel registered with it.</li>
 *   <li><b>Real clock only.</b> A loop on a {@link VirtualClock} refuses sockets ({@link
 *       EventLoop#io()} throws): the clock would jump past time the network really takes, and
 *       treating every socket wait as outstanding work would stop it from jumping at all.</li>
 * </ol>
 *
 * <p>Threading: loop-confined, except {@link #wakeup()}, which any thread may call.
 */
final class SelectorIo {
    /** What a registered channel waits for: asyncio's {@code (reader, writer)} key data. */
    private static final class Watch {
        Runnable reader;
        Runnable writer;
        /** Whether the writer waits for the connection to complete (OP_CONNECT) rather than OP_WRITE. */
        boolean connecting;
    }

    private final EventLoop loop;
    private final Selector selector;
    /** Channels with a reader or a writer: while zero, the loop parks instead of selecting. */
    private int watched;
    /** True while the driver is in (or about to enter) select: only then must a submission wake it. */
    private volatile boolean selecting;
    private final ArrayList<SelectionKey> events = new ArrayList<>();
    /** Whether this iteration's wait step selected already (else processEvents polls). */
    private boolean polled;

    SelectorIo(EventLoop loop) {
        if (loop.clock() instanceof VirtualClock) {
            throw new IllegalStateException("sockets need the real clock: on a virtual clock the loop would jump "
                    + "past time the network really takes; build this loop without .virtualClock()");
        }
        this.loop = loop;
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("could not open a java.nio Selector for the event loop", e);
        }
    }

    /** Registers {@code ch} (non-blocking) with nothing watched yet; the loop's close closes it. */
    SelectionKey register(SelectableChannel ch) throws ClosedChannelException {
        return ch.register(selector, 0, new Watch());
    }

    /** asyncio's {@code add_reader}: {@code callback} runs on every iteration the channel is readable (for a listening socket: has a connection to accept). */
    void addReader(SelectionKey key, Runnable callback) {
        Watch w = (Watch) key.attachment();
        boolean was = w.reader != null || w.writer != null;
        w.reader = callback;
        update(key, w, was);
    }

    /** asyncio's {@code add_writer}; with {@code connect}, waits for a pending connect to complete. */
    void addWriter(SelectionKey key, Runnable callback, boolean connect) {
        Watch w = (Watch) key.attachment();
        boolean was = w.reader != null || w.writer != null;
        w.writer = callback;
        w.connecting = connect;
        update(key, w, was);
    }

    /** asyncio's {@code remove_reader}. */
    void removeReader(SelectionKey key) {
        Watch w = (Watch) key.attachment();
        boolean was = w.reader != null || w.writer != null;
        w.reader = null;
        update(key, w, was);
    }

    /** asyncio's {@code remove_writer}. */
    void removeWriter(SelectionKey key) {
        Watch w = (Watch) key.attachment();
        boolean was = w.reader != null || w.writer != null;
        w.writer = null;
        update(key, w, was);
    }

    private void update(SelectionKey key, Watch w, boolean was) {
        boolean is = w.reader != null || w.writer != null;
        watched += (is ? 1 : 0) - (was ? 1 : 0);
        if (key.isValid()) {
            // a listening socket's "readable" is a connection to accept (asyncio's add_reader on it)
            int read = key.channel().validOps() & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT);
            int ops = (w.reader != null ? read : 0)
                    | (w.writer != null ? (w.connecting ? SelectionKey.OP_CONNECT : SelectionKey.OP_WRITE) : 0);
            key.interestOps(ops);
        }
    }

    /**
     * Closes {@code key}'s channel: through {@link #close} while the selector is open, directly
     * once the loop has closed it (then there is nothing left to deregister).
     */
    void closeChannel(SelectionKey key) {
        if (key.selector().isOpen()) {
            close(key);
            return;
        }
        try {
            key.channel().close();
        } catch (IOException e) {
            // closing: nothing left to do
        }
    }

    /** Closes a channel: forgets its callbacks and cancels its key. */
    void close(SelectionKey key) {
        Watch w = (Watch) key.attachment();
        if (w.reader != null || w.writer != null) {
            watched--;
        }
        w.reader = null;
        w.writer = null;
        key.cancel();
        try {
            key.channel().close();
        } catch (IOException e) {
            // closing a socket: nothing left to do about a failure
        }
        if (watched == 0) {
            selectNow(); // a cancelled key is deregistered (and its socket really closed) by the next select
            polled = false;
        }
    }

    /** Whether the loop's wait step must select (some channel is watched). */
    boolean watching() {
        return watched > 0;
    }

    /**
     * The wait step while channels are watched: selects until a channel is ready, {@code
     * timeoutNanos} passed (negative: no limit) or thread-safe work arrives in {@code threadsafe}.
     */
    void select(long timeoutNanos, Queue<?> threadsafe) {
        selecting = true; // before looking at the queue: a submission after this wakes the select
        try {
            Thread.interrupted(); // a stale flag makes select return at once: never spin on it
            int n;
            if (!threadsafe.isEmpty() || timeoutNanos == 0) {
                n = selector.selectNow();
            } else if (timeoutNanos < 0) {
                n = selector.select();
            } else {
                n = selector.select(Math.max(1, (timeoutNanos + 999_999) / 1_000_000));
            }
            collect(n);
        } catch (IOException e) {
            throw new UncheckedIOException("the event loop's selector failed", e);
        } finally {
            selecting = false;
        }
    }

    /** Polls without waiting (asyncio selects with timeout 0 when callbacks are ready). */
    void selectNow() {
        try {
            collect(selector.selectNow());
        } catch (IOException e) {
            throw new UncheckedIOException("the event loop's selector failed", e);
        }
    }

    private void collect(int n) {
        polled = true;
        if (n > 0) {
            var keys = selector.selectedKeys();
            events.addAll(keys);
            keys.clear();
        }
    }

    /**
     * asyncio's {@code _process_events}: adds the callbacks of the ready channels to the loop's
     * ready queue (per channel the reader, then the writer).
     */
    void processEvents() {
        if (!polled && watched > 0) {
            selectNow(); // asyncio selects on every iteration, with timeout 0 when nothing is to wait for
        }
        polled = false;
        for (int i = 0, n = events.size(); i < n; i++) {
            SelectionKey key = events.get(i);
            if (!key.isValid()) {
                continue;
            }
            Watch w = (Watch) key.attachment();
            int ops = key.readyOps();
            if ((ops & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) != 0 && w.reader != null) {
                loop.callSoonInternal(w.reader);
            }
            if ((ops & (SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT)) != 0 && w.writer != null) {
                loop.callSoonInternal(w.writer);
            }
        }
        events.clear();
    }

    /** Wakes a select in progress (any thread). */
    void wakeup() {
        if (selecting) {
            selector.wakeup();
        }
    }

    /** Closes every registered channel and the selector (the loop is closing). */
    void closeAll() {
        for (SelectionKey key : selector.keys()) {
            try {
                key.channel().close();
            } catch (IOException e) {
                // closing: nothing left to do
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            // closing: nothing left to do
        }
        watched = 0;
        events.clear();
    }

    /** Channels registered and not yet closed (for tests). */
    int registered() {
        int n = 0;
        for (SelectionKey k : selector.keys()) {
            if (k.isValid()) {
                n++;
            }
        }
        return n;
    }
}
