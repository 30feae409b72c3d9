package asynccourse.loop;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The reading half of a connection from {@link Asyncio#openConnection}, like asyncio's
 * {@code StreamReader}: each read returns at once what is buffered or what the socket has, and
 * otherwise suspends the calling task until the socket is readable (the loop's selector waits
 * for it, running other tasks meanwhile).
 *
 * <p>Differences from asyncio: {@link #readLine()} returns a {@code String} without its line
 * ending ({@code \n} or {@code \r\n}) and {@code null} at the end of the stream, as
 * {@link java.io.BufferedReader#readLine()} does; {@link #readExactly} throws an
 * {@link EOFException} (asyncio: {@code IncompleteReadError}).
 *
 * <p>Threading: loop-confined: call it from coroutines of the loop that opened it, one task at
 * a time. Cancellation: a task cancelled while it awaits readability stops waiting (its interest
 * in the socket is removed) and sees a {@link java.util.concurrent.CancellationException}; bytes
 * already buffered stay buffered. Nulls: no argument may be null.
 *
 * <pre>{@code
 * Connection c = openConnection("127.0.0.1", port);
 * c.writer().write("GET / HTTP/1.0\r\n\r\n");
 * String status = c.reader().readLine();       // "HTTP/1.1 200 OK"
 * }</pre>
 */
public final class StreamReader {
    /** The longest line {@link #readLine()} accepts (asyncio's default limit): 64 KiB. */
    public static final int LINE_LIMIT = 64 * 1024;

    private final SocketStream socket;
    /**
     * Buffered bytes, in read mode (position..limit unread). Empty until the first read, so an
     * open connection that has not read yet holds no buffer (10,000 idle connections held
     * 17.7 KB each with a 16 KiB buffer made up front).
     */
    private ByteBuffer buf = ByteBuffer.allocate(0);
    /** The buffer's size at the first read; it doubles when a line or a read needs more. */
    private static final int FIRST_BUFFER = 16 * 1024;
    private boolean eof;

    StreamReader(SocketStream socket) {
        this.socket = socket;
    }

    /** Reads more from the socket into the buffer; false at the end of the stream. */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        buf.compact();
        if (!buf.hasRemaining()) {
            buf = ByteBuffer.allocate(Math.max(FIRST_BUFFER, buf.capacity() * 2)).put(buf.flip());
        }
        int n;
        try {
            n = socket.read(buf);
        } finally {
            buf.flip();
        }
        if (n < 0) {
            eof = true;
            return false;
        }
        return true;
    }

    /**
     * Reads up to {@code n} bytes: what is buffered, or else what the socket has once it is
     * readable; with {@code n = -1}, everything until the end of the stream.
     *
     * @param n the most bytes to return, or -1 for all
     * @return the bytes; empty only at the end of the stream (or for {@code n = 0})
     * @throws IOException if the socket fails (for instance a reset connection)
     */
    public byte[] read(int n) throws IOException {
        if (n == -1) {
            return readUntilEof();
        }
        if (n < 0) {
            throw new IllegalArgumentException("n must be -1 (read to the end) or at least 0, got " + n);
        }
        if (n == 0) {
            return new byte[0];
        }
        if (!buf.hasRemaining() && !fill()) {
            return new byte[0];
        }
        byte[] out = new byte[Math.min(n, buf.remaining())];
        buf.get(out);
        return out;
    }

    /**
     * Reads exactly {@code n} bytes, awaiting as often as needed.
     *
     * @param n how many bytes, at least 0
     * @return the bytes
     * @throws EOFException if the stream ends first (its message says how many bytes came)
     * @throws IOException if the socket fails
     */
    public byte[] readExactly(int n) throws IOException {
        if (n < 0) {
            throw new IllegalArgumentException("n must be at least 0, got " + n);
        }
        while (buf.remaining() < n) {
            if (!fill()) {
                throw new EOFException("the connection to " + socket.peer + " ended after " + buf.remaining()
                        + " of " + n + " expected bytes");
            }
        }
        byte[] out = new byte[n];
        buf.get(out);
        return out;
    }

    /**
     * Reads one line, decoded as UTF-8, without its line ending.
     *
     * @return the line, or {@code null} at the end of the stream (a last line without line
     *     ending is returned as it is)
     * @throws IOException if the socket fails, or the line is longer than {@link #LINE_LIMIT}
     */
    public String readLine() throws IOException {
        int scanned = 0;
        while (true) {
            int start = buf.position();
            for (int i = start + scanned; i < buf.limit(); i++) {
                if (buf.get(i) == '\n') {
                    int end = i > start && buf.get(i - 1) == '\r' ? i - 1 : i;
                    String line = new String(buf.array(), buf.arrayOffset() + start, end - start, StandardCharsets.UTF_8);
                    buf.position(i + 1);
                    return line;
                }
            }
            scanned = buf.remaining();
            if (scanned > LINE_LIMIT) {
                throw new IOException("a line from " + socket.peer + " is longer than " + LINE_LIMIT + " bytes");
            }
            if (!fill()) {
                if (!buf.hasRemaining()) {
                    return null;
                }
                byte[] rest = new byte[buf.remaining()];
                buf.get(rest);
                return new String(rest, StandardCharsets.UTF_8);
            }
        }
    }

    /**
     * Reads until the end of the stream (the peer closed its side).
     *
     * @return every remaining byte
     * @throws IOException if the socket fails
     */
    public byte[] readUntilEof() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(32, buf.remaining()));
        do {
            out.write(buf.array(), buf.arrayOffset() + buf.position(), buf.remaining());
            buf.position(buf.limit());
        } while (fill());
        return out.toByteArray();
    }

    /**
     * Tells whether the end of the stream was reached and everything buffered was read.
     *
     * @return true at the end
     */
    public boolean atEof() {
        return eof && !buf.hasRemaining();
    }

    @Override
    public String toString() {
        return "<StreamReader " + socket.peer + (eof ? " eof" : "") + " buffered=" + buf.remaining() + ">";
    }
}
