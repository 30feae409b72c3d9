package asynccourse.loop;

/**
 * What {@link Asyncio#openConnection} returns: the two halves of one TCP connection, as
 * asyncio's {@code open_connection} returns {@code (reader, writer)}. Closing it closes the
 * socket (once written bytes are sent), so it fits try-with-resources inside a coroutine.
 *
 * <p>Threading, cancellation and nulls: see {@link StreamReader} and {@link StreamWriter}.
 *
 * <pre>{@code
 * try (Connection c = openConnection("127.0.0.1", port)) {
 *     c.writer().write("GET / HTTP/1.0\r\n\r\n");
 *     byte[] answer = c.reader().readUntilEof();
 * }
 * }</pre>
 *
 * @param reader the reading half
 * @param writer the writing half
 */
public record Connection(StreamReader reader, StreamWriter writer) implements AutoCloseable {
    /** Closes the connection: {@code writer().close()}; does not wait. */
    @Override
    public void close() {
        writer.close();
    }
}
