package asynccourse.loop;

/**
 * What a {@link Server} runs for each connection it accepts, asyncio's
 * {@code client_connected_cb(reader, writer)}: a coroutine body, run as a task of its own.
 *
 * <p>Threading: runs as a coroutine of the server's loop. Cancellation: the task is cancelled
 * when the loop closes (or by whoever cancels it), like any task. Nulls: reader and writer are
 * never null.
 *
 * <pre>{@code
 * ConnectionHandler echo = (reader, writer) -> {
 *     String line = reader.readLine();
 *     writer.write(line + "\n");
 *     writer.drain();
 * };   // the connection is closed when the handler ends
 * }</pre>
 */
@FunctionalInterface
public interface ConnectionHandler {
    /**
     * Serves one connection; when it returns or throws, the connection is closed (once what was
     * written has been sent).
     *
     * @param reader the reading half of the connection
     * @param writer the writing half
     * @throws Exception any failure: it is reported through the loop's warnings ("Unhandled
     *     exception in client_connected_cb", as asyncio) and the connection is closed
     */
    void handle(StreamReader reader, StreamWriter writer) throws Exception;
}
