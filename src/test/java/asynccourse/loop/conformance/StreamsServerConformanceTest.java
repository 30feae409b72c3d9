package asynccourse.loop.conformance;

import static asynccourse.loop.Asyncio.createTask;
import static asynccourse.loop.Asyncio.openConnection;
import static asynccourse.loop.Asyncio.sleep;
import static asynccourse.loop.Asyncio.startServer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asynccourse.loop.Asyncio;
import asynccourse.loop.Connection;
import asynccourse.loop.ConnectionHandler;
import asynccourse.loop.Coroutine;
import asynccourse.loop.EventLoop;
import asynccourse.loop.Server;
import asynccourse.loop.Task;
import asynccourse.loop.TestLoops;
import java.io.IOException;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * CPython 3.11.7's {@code Lib/test/test_asyncio/test_streams.py}: the client/server cases that
 * apply to {@code startServer} and the streams, on loopback with the real clock (sockets refuse
 * a virtual clock); each test is named after the CPython test it follows. The cases built on
 * {@code test_utils.run_test_server()} (a small HTTP server on a thread) use a server of our own
 * here, started with {@code startServer}, that answers as that one does.
 *
 * <p>Not ported: the reader's unit tests on fed data (our {@link asynccourse.loop.StreamReader}
 * has no {@code feed_data}), Unix sockets, TLS, pipes, reprs, pickling, resource warnings, and
 * {@code test_eof_feed_when_closing_writer} (asyncio's transport feeds the end of the stream to
 * the reader when the writer closes; ours closes the socket, and a read after that fails with
 * "the connection is closed"). {@code test_start_server}'s second variant (a plain callback that
 * creates the task) is ported with a handler that awaits that task, because our server closes a
 * connection when its handler returns.
 */
@Timeout(30)
class StreamsServerConformanceTest {

    private static <T> T run(Coroutine<T> main) {
        return Asyncio.run(EventLoop.builder(), main);
    }

    /** MyServer.handle_client: echo one line, drain, close, wait closed. */
    private static final ConnectionHandler HANDLE_CLIENT = (reader, writer) -> {
        String data = reader.readLine();
        writer.write(data + "\n");
        writer.drain();
        writer.close();
        writer.waitClosed();
    };

    /** The client of test_start_server: send a line, read it back. */
    private static String client(int port) throws IOException {
        Connection c = openConnection("127.0.0.1", port);
        c.writer().write("hello world!\n");
        String msgback = c.reader().readLine();
        c.writer().close();
        c.writer().waitClosed();
        return msgback;
    }

    /** test_utils.run_test_server's answer to any request. */
    private static final ConnectionHandler HTTPD = (reader, writer) -> {
        String line;
        while ((line = reader.readLine()) != null && !line.isEmpty()) {
            // the request, up to its blank line
        }
        writer.write("HTTP/1.0 200 OK\r\nContent-Length: 12\r\n\r\nTest message");
        writer.drain();
    };

    @Test
    @DisplayName("test_streams.py::test_start_server")
    void test_start_server() {
        List<String> messages = TestLoops.log();
        Asyncio.run(EventLoop.builder().warnings(messages::add), () -> {
            // the server variant with a coroutine as client handler
            Server server = startServer(HANDLE_CLIENT, "127.0.0.1", 0);
            String msg = createTask(() -> client(server.port())).await();
            server.close();
            server.waitClosed();
            assertEquals("hello world!", msg);

            // the server variant with a callback that creates the task (awaited, see the class comment)
            Server server2 = startServer((r, w) -> createTask(() -> {
                HANDLE_CLIENT.handle(r, w);
                return null;
            }).await(), "127.0.0.1", 0);
            msg = createTask(() -> client(server2.port())).await();
            server2.close();
            server2.waitClosed();
            assertEquals("hello world!", msg);
            return null;
        });
        assertEquals(List.of(), messages);
    }

    @Test
    @DisplayName("test_streams.py::test_wait_closed_on_close")
    void test_wait_closed_on_close() {
        run(() -> {
            Server httpd = startServer(HTTPD, "127.0.0.1", 0);
            Connection c = openConnection("127.0.0.1", httpd.port());
            c.writer().write("GET / HTTP/1.0\r\n\r\n");
            assertEquals("HTTP/1.0 200 OK", c.reader().readLine()); // ours drops the line ending
            String data = new String(c.reader().read(-1), StandardCharsets.UTF_8);
            assertTrue(data.endsWith("\r\n\r\nTest message"), data);
            assertFalse(c.writer().isClosing());
            c.writer().close();
            assertTrue(c.writer().isClosing());
            c.writer().waitClosed();
            httpd.close();
            httpd.waitClosed();
            return null;
        });
    }

    @Test
    @DisplayName("test_streams.py::test_wait_closed_on_close_with_unread_data")
    void test_wait_closed_on_close_with_unread_data() {
        run(() -> {
            Server httpd = startServer(HTTPD, "127.0.0.1", 0);
            Connection c = openConnection("127.0.0.1", httpd.port());
            c.writer().write("GET / HTTP/1.0\r\n\r\n");
            assertEquals("HTTP/1.0 200 OK", c.reader().readLine());
            c.writer().close();
            c.writer().waitClosed();
            httpd.close();
            httpd.waitClosed();
            return null;
        });
    }

    @Test
    @DisplayName("test_streams.py::test_async_writer_api")
    void test_async_writer_api() {
        List<String> messages = TestLoops.log();
        Asyncio.run(EventLoop.builder().warnings(messages::add), () -> {
            Server httpd = startServer(HTTPD, "127.0.0.1", 0);
            Connection c = openConnection("127.0.0.1", httpd.port());
            c.writer().write("GET / HTTP/1.0\r\n\r\n");
            assertEquals("HTTP/1.0 200 OK", c.reader().readLine());
            String data = new String(c.reader().read(-1), StandardCharsets.UTF_8);
            assertTrue(data.endsWith("\r\n\r\nTest message"), data);
            c.writer().close();
            c.writer().waitClosed();
            httpd.close();
            httpd.waitClosed();
            return null;
        });
        assertEquals(List.of(), messages);
    }

    @Test
    @DisplayName("test_streams.py::test_async_writer_api_exception_after_close")
    void test_async_writer_api_exception_after_close() {
        // asyncio: ConnectionResetError; ours: an IOException saying the connection is closed
        run(() -> {
            Server httpd = startServer(HTTPD, "127.0.0.1", 0);
            Connection c = openConnection("127.0.0.1", httpd.port());
            c.writer().write("GET / HTTP/1.0\r\n\r\n");
            assertEquals("HTTP/1.0 200 OK", c.reader().readLine());
            String data = new String(c.reader().read(-1), StandardCharsets.UTF_8);
            assertTrue(data.endsWith("\r\n\r\nTest message"), data);
            c.writer().close();
            assertThrows(IOException.class, () -> {
                c.writer().write("data");
                c.writer().drain();
            });
            httpd.close();
            httpd.waitClosed();
            return null;
        });
    }

    @Test
    @DisplayName("test_streams.py::test_unhandled_exceptions")
    void test_unhandled_exceptions() {
        List<String> messages = TestLoops.log();
        Asyncio.run(EventLoop.builder().warnings(messages::add), () -> {
            Server server = startServer((reader, writer) -> {
                throw new IllegalStateException("test");
            }, "127.0.0.1", 0);
            Connection c = openConnection("127.0.0.1", server.port());
            c.writer().write("test msg");
            c.writer().drain();
            c.writer().close();
            c.writer().waitClosed();
            server.close();
            server.waitClosed(); // also waits until the failed handler's connection is closed
            return null;
        });
        assertEquals(1, messages.size(), messages.toString());
        assertTrue(messages.get(0).startsWith("Unhandled exception in client_connected_cb"), messages.get(0));
        assertTrue(messages.get(0).contains("test"), messages.get(0));
    }

    // ------------------------------------------------------------------ Server, beyond test_streams.py

    @Test
    @DisplayName("Server.waitClosed (3.12.1): waits for the open connections too; closeClients (3.13) closes them")
    void waitClosedWaitsForConnections() {
        run(() -> {
            Server server = startServer((reader, writer) -> {
                assertNull(reader.readLine()); // until the end of the stream
            }, "127.0.0.1", 0);
            assertTrue(server.isServing());
            assertEquals(List.of(new java.net.InetSocketAddress("127.0.0.1", server.port())), server.sockets());
            Connection c = openConnection("127.0.0.1", server.port());
            c.writer().write("x");
            while (server.connections() == 0) {
                sleep(Duration.ofMillis(1));
            }
            server.close();
            assertFalse(server.isServing());
            assertEquals(List.of(), server.sockets());
            Task<Void> waiting = createTask(() -> {
                server.waitClosed();
                return null;
            });
            sleep(Duration.ofMillis(50));
            assertFalse(waiting.isDone(), "a connection is still open: waitClosed waits (3.11 returned at once)");
            server.closeClients();
            waiting.await();
            assertEquals(0, server.connections());
            c.close();
            // a closed server refuses new connections
            assertThrows(java.net.ConnectException.class, () -> openConnection("127.0.0.1", server.port()));
            return null;
        });
    }

    @Test
    @DisplayName("Server.serveForever: cancelling the task closes the server, as asyncio")
    void serveForeverCancelled() {
        run(() -> {
            Server server = startServer((reader, writer) -> writer.write("hi\n"), "127.0.0.1", 0);
            Task<Void> forever = createTask(() -> {
                server.serveForever();
                return null;
            });
            try (Connection c = openConnection("127.0.0.1", server.port())) {
                assertEquals("hi", c.reader().readLine());
                assertNull(c.reader().readLine(), "the handler's end closes the connection");
            }
            forever.cancel();
            assertThrows(CancellationException.class, forever::await);
            assertFalse(server.isServing());
            assertThrows(IllegalStateException.class, server::serveForever);
            return null;
        });
    }

    @Test
    @DisplayName("startServer: a port in use is a BindException naming it; a virtual clock is refused")
    void startServerErrors() {
        run(() -> {
            Server first = startServer((r, w) -> { }, "127.0.0.1", 0);
            BindException e = assertThrows(BindException.class, () -> startServer((r, w) -> { }, "127.0.0.1", first.port()));
            assertTrue(e.getMessage().contains("127.0.0.1:" + first.port()), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> startServer((r, w) -> { }, "127.0.0.1", 70000));
            first.close();
            return null;
        });
        IllegalStateException v = assertThrows(IllegalStateException.class,
                () -> TestLoops.vrun(() -> startServer((r, w) -> { }, "127.0.0.1", 0)));
        assertTrue(v.getMessage().contains("real clock"), v.getMessage());
    }

    @Test
    @DisplayName("Closing the loop closes a server still listening and its connections")
    void loopCloseClosesServer() {
        int[] port = new int[1];
        run(() -> {
            Server server = startServer((reader, writer) -> {
                reader.readLine(); // waits until the loop's close cancels it
            }, "127.0.0.1", 0);
            port[0] = server.port();
            Connection c = openConnection("127.0.0.1", server.port());
            c.writer().write("no newline");
            sleep(Duration.ofMillis(20));
            return null;
        });
        assertThrows(IOException.class, () -> new java.net.Socket("127.0.0.1", port[0]).close());
        assertArrayEquals(new byte[0], new byte[0]);
    }
}
