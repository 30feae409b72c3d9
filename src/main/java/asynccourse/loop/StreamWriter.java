package asynccourse.loop;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The writing half of a connection from {@link Asyncio#openConnection}, like asyncio's
 * {@code StreamWriter}: {@link #write} never waits (it hands the socket what it takes at once
 * and buffers the rest, which the loop sends as the socket becomes writable); {@link #drain()}
 * awaits until the buffer is empty; {@link #close()} closes the socket once the buffer is sent,
 * and {@link #waitClosed()} awaits that.
 *
 * <p>Threading: loop-confined: call it from coroutines of the loop that opened it. Cancellation:
 * a task cancelled in {@link #drain()} or {@link #waitClosed()} stops waiting; the buffered
 * bytes are still sent. Closing the loop closes every socket it opened. Nulls: no argument may
 * be null.
 *
 * <pre>{@code
 * Connection c = openConnection("127.0.0.1", port);
 * c.writer().write("GET /page HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n");
 * c.writer().drain();
 * ...
 * c.writer().close();
 * c.writer().waitClosed();
 * }</pre>
 */
public final class StreamWriter {
    private final SocketStream socket;

    StreamWriter(SocketStream socket) {
        this.socket = socket;
    }

    /**
     * Writes {@code data} without waiting: what the socket does not take at once is buffered.
     *
     * @param data the bytes (copied if buffered)
     * @throws IOException if the connection is closed or a previous buffered write failed
     */
    public void write(byte[] data) throws IOException {
        Objects.requireNonNull(data, "data");
        socket.write(ByteBuffer.wrap(data));
    }

    /**
     * Writes {@code text} encoded as UTF-8; see {@link #write(byte[])}.
     *
     * @param text the text
     * @throws IOException if the connection is closed or a previous buffered write failed
     */
    public void write(String text) throws IOException {
        Objects.requireNonNull(text, "text");
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Awaits until every buffered byte has been handed to the operating system.
     *
     * @throws IOException if sending failed (for instance the peer reset the connection)
     */
    public void drain() throws IOException {
        socket.drain();
    }

    /**
     * Returns how many written bytes are still buffered (not yet taken by the socket).
     *
     * @return the buffered byte count
     */
    public long bufferedBytes() {
        return socket.bufferedBytes();
    }

    /**
     * Closes the sending side only (a TCP half-close): the peer reads the end of the stream,
     * and this side can still read its answer.
     *
     * @throws IOException if the connection is closed
     */
    public void writeEof() throws IOException {
        socket.drain();
        socket.shutdownOutput();
    }

    /** Closes the connection (both halves) once the buffered bytes are sent; does not wait. */
    public void close() {
        socket.close();
    }

    /**
     * Tells whether {@link #close()} was called (or the connection failed and was closed).
     *
     * @return true once closing
     */
    public boolean isClosing() {
        return socket.isClosing();
    }

    /**
     * Awaits until the connection is closed (after {@link #close()}).
     *
     * @throws IllegalStateException if {@link #close()} was not called
     */
    public void waitClosed() {
        socket.waitClosed();
    }

    @Override
    public String toString() {
        return "<StreamWriter " + socket.peer + (socket.isClosing() ? " closing" : "")
                + " buffered=" + socket.bufferedBytes() + ">";
    }
}
