package asynccourse.loop;

import static asynccourse.loop.Asyncio.createTask;
import static asynccourse.loop.Asyncio.openConnection;
import static asynccourse.loop.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Sockets on the loop's selector: loopback only, real clock, bounded waits (each test at most 20 s). */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class StreamsTest {
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    /** A one-connection loopback server running {@code script} on a platform thread; returns its port. */
    private int serve(Consumer<Socket> script) throws IOException {
        ServerSocket ss = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        toClose.add(ss);
        Thread t = new Thread(() -> {
            try (Socket s = ss.accept()) {
                script.accept(s);
            } catch (IOException e) {
                // the test's own assertions report what went wrong
            }
        }, "test-server");
        t.setDaemon(true);
        t.start();
        return ss.getLocalPort();
    }

    private static void write(Socket s, String text) {
        try {
            OutputStream out = s.getOutputStream();
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String host() {
        return InetAddress.getLoopbackAddress().getHostAddress();
    }

    @Test
    void openConnection_readsLinesExactBytesAndToEof() throws IOException {
        int port = serve(s -> {
            try {
                byte[] req = new byte[5];
                s.getInputStream().readNBytes(req, 0, 5);
                write(s, new String(req, StandardCharsets.UTF_8).trim() + " ok\r\nsecond\nabcde");
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        List<Object> got = Asyncio.run(() -> {
            Connection c = openConnection(host(), port);
            c.writer().write("ping\n");
            c.writer().drain();
            List<Object> out = new ArrayList<>();
            out.add(c.reader().readLine());
            out.add(c.reader().readLine());
            out.add(new String(c.reader().readExactly(3), StandardCharsets.US_ASCII));
            out.add(new String(c.reader().readUntilEof(), StandardCharsets.US_ASCII));
            out.add(c.reader().atEof());
            out.add(c.reader().readLine());
            out.add(c.reader().read(10).length);
            c.writer().close();
            c.writer().waitClosed();
            return out;
        });
        assertEquals(List.of("ping ok", "second", "abc", "de", true), got.subList(0, 5));
        assertNull(got.get(5), "readLine at the end of the stream");
        assertEquals(0, got.get(6), "read at the end of the stream");
    }

    @Test
    void readExactly_streamEndsEarly_eofExceptionSaysHowMuchCame() throws IOException {
        int port = serve(s -> write(s, "abc"));
        CoroutineException wrapped = assertThrows(CoroutineException.class, () -> Asyncio.run(() -> {
            try (Connection c = openConnection(host(), port)) {
                return c.reader().readExactly(10);
            }
        }));
        EOFException e = assertInstanceOf(EOFException.class, wrapped.getCause());
        assertTrue(e.getMessage().contains("3 of 10"), e.getMessage());
        assertTrue(e.getMessage().contains(":" + port), e.getMessage());
    }

    @Test
    void read_awaitsReadiness_otherTasksRunMeanwhile() throws IOException {
        // the server answers once the client's ticker has ticked 5 times: only a loop that goes on
        // running tasks while the read waits gets there (a blocked loop is answered after 10 s, with 0 ticks)
        CountDownLatch fiveTicks = new CountDownLatch(5);
        int port = serve(s -> {
            try {
                fiveTicks.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            write(s, "late\n");
        });
        int[] ticks = new int[1];
        String line = Asyncio.run(() -> {
            Task<Void> ticker = createTask(() -> {
                while (true) {
                    sleep(Duration.ofMillis(10));
                    ticks[0]++;
                    fiveTicks.countDown();
                }
            });
            try (Connection c = openConnection(host(), port)) {
                return c.reader().readLine();
            } finally {
                ticker.cancel();
            }
        });
        assertEquals("late", line);
        assertTrue(ticks[0] >= 5, "ticks while the read waited: " + ticks[0]);
    }

    @Test
    void openConnection_refused_connectExceptionNamesHostAndPort() throws IOException {
        int port;
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = ss.getLocalPort();
        }
        CoroutineException wrapped = assertThrows(CoroutineException.class,
                () -> Asyncio.run(() -> openConnection(host(), port)));
        ConnectException e = assertInstanceOf(ConnectException.class, wrapped.getCause());
        assertTrue(e.getMessage().contains(host() + ":" + port), e.getMessage());
    }

    @Test
    void openConnection_onVirtualClock_refusedWithReason() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TestLoops.vrun(() -> openConnection(host(), 9)));
        assertTrue(e.getMessage().contains("real clock"), e.getMessage());
    }

    @Test
    void cancelWhileReading_removesInterest_loopStopsSelecting() throws Exception {
        CompletableFuture<Void> serverDone = new CompletableFuture<>();
        int port = serve(s -> {
            try {
                serverDone.get(15, TimeUnit.SECONDS); // silent until the test ends
            } catch (Exception e) {
                // ends
            }
        });
        try (EventLoop loop = EventLoop.builder().build()) {
            boolean[] watchingAfter = new boolean[1];
            loop.runUntilComplete(() -> {
                Connection c = openConnection(host(), port);
                Task<String> reader = createTask(() -> c.reader().readLine());
                sleep(Duration.ofMillis(50));
                assertTrue(loop.io().watching(), "the reader waits on the selector");
                reader.cancel();
                assertThrows(CancellationException.class, reader::await);
                watchingAfter[0] = loop.io().watching();
                c.close();
                return null;
            });
            assertFalse(watchingAfter[0], "a cancelled read no longer watches its socket");
            assertEquals(0, loop.io().registered());
        } finally {
            serverDone.complete(null);
        }
    }

    @Test
    void callSoonThreadsafe_wakesALoopWaitingInSelect() throws Exception {
        CompletableFuture<Void> serverDone = new CompletableFuture<>();
        int port = serve(s -> {
            try {
                serverDone.get(15, TimeUnit.SECONDS);
            } catch (Exception e) {
                // ends
            }
        });
        try (EventLoop loop = EventLoop.builder().build()) {
            long[] woke = new long[1];
            loop.runUntilComplete(() -> {
                Connection c = openConnection(host(), port);
                Task<String> reader = createTask(() -> c.reader().readLine(), "reader");
                long t0 = System.nanoTime();
                Thread other = new Thread(() -> {
                    pause(100);
                    loop.callSoonThreadsafe(reader::cancel);
                });
                other.start();
                assertThrows(CancellationException.class, reader::await); // no timer: only the wake-up ends the select
                woke[0] = System.nanoTime() - t0;
                c.close();
                return null;
            });
            assertTrue(woke[0] >= 100_000_000L, "the cancel came after 100 ms");
        } finally {
            serverDone.complete(null);
        }
    }

    @Test
    void closingTheLoop_closesItsSockets() throws Exception {
        CompletableFuture<Integer> serverRead = new CompletableFuture<>();
        int port = serve(s -> {
            try {
                s.setSoTimeout(15_000);
                InputStream in = s.getInputStream();
                serverRead.complete(in.read()); // -1 once the client's socket is closed
            } catch (IOException e) {
                serverRead.completeExceptionally(e);
            }
        });
        EventLoop loop = EventLoop.builder().build();
        loop.runUntilComplete(() -> {
            Connection c = openConnection(host(), port);
            createTask(() -> c.reader().readLine()); // left waiting
            sleep(Duration.ofMillis(20));
            return c;
        });
        assertFalse(serverRead.isDone());
        loop.close();
        assertEquals(-1, serverRead.get(15, TimeUnit.SECONDS));
    }

    @Test
    void bigWrite_isBuffered_drainSendsItAll() throws Exception {
        int size = 16 << 20;
        CompletableFuture<Long> received = new CompletableFuture<>();
        CountDownLatch written = new CountDownLatch(1);
        int port = serve(s -> {
            try {
                written.await(15, TimeUnit.SECONDS); // the client's socket fills up first: nobody reads yet
                received.complete(s.getInputStream().transferTo(OutputStream.nullOutputStream()));
            } catch (IOException | InterruptedException e) {
                received.completeExceptionally(e);
            }
        });
        long[] buffered = new long[2];
        Asyncio.run(() -> {
            Connection c = openConnection(host(), port);
            c.writer().write(new byte[size]);
            buffered[0] = c.writer().bufferedBytes();
            written.countDown();
            c.writer().drain();
            buffered[1] = c.writer().bufferedBytes();
            c.writer().close();
            c.writer().waitClosed();
            return null;
        });
        assertTrue(buffered[0] > 0, "16 MiB do not fit in a socket's send buffer at once");
        assertEquals(0, buffered[1]);
        assertEquals(size, received.get(15, TimeUnit.SECONDS));
    }

    @Test
    void closeWithoutDrain_sendsTheBufferFirst_thenCloses() throws Exception {
        int size = 8 << 20;
        CompletableFuture<Long> received = new CompletableFuture<>();
        CountDownLatch closed = new CountDownLatch(1);
        int port = serve(s -> {
            try {
                closed.await(15, TimeUnit.SECONDS); // nobody reads until the client has called close()
                received.complete(s.getInputStream().transferTo(OutputStream.nullOutputStream()));
            } catch (IOException | InterruptedException e) {
                received.completeExceptionally(e);
            }
        });
        boolean[] closingWithBuffer = new boolean[1];
        Asyncio.run(() -> {
            Connection c = openConnection(host(), port);
            c.writer().write(new byte[size]);
            c.writer().close();
            closingWithBuffer[0] = c.writer().isClosing() && c.writer().bufferedBytes() > 0;
            closed.countDown();
            c.writer().waitClosed();
            return null;
        });
        assertTrue(closingWithBuffer[0], "close() returned with bytes still buffered");
        assertEquals(size, received.get(15, TimeUnit.SECONDS), "every byte arrived before the socket closed");
    }

    @Test
    void loopWithoutSockets_neverCreatesASelector() throws Exception {
        try (EventLoop loop = EventLoop.builder().build()) {
            loop.runUntilComplete(() -> {
                sleep(Duration.ofMillis(5));
                return null;
            });
            java.lang.reflect.Field io = EventLoop.class.getDeclaredField("io");
            io.setAccessible(true);
            assertNull(io.get(loop));
        }
    }

    @Test
    void readinessCallbacks_joinReadyQueueBeforeDueTimers_asInAsyncio() throws Exception {
        int port = serve(s -> write(s, "x"));
        List<String> log = new ArrayList<>();
        try (EventLoop loop = EventLoop.builder().build();
                SocketChannel ch = SocketChannel.open(new InetSocketAddress(host(), port))) {
            ch.configureBlocking(false);
            // wait until the byte has arrived, so the socket is readable from the first poll on
            try (java.nio.channels.Selector probe = java.nio.channels.Selector.open()) {
                SelectionKey k = ch.register(probe, SelectionKey.OP_READ);
                assertEquals(1, probe.select(15_000), "the server's byte arrives");
                k.cancel();
                probe.selectNow();
            }
            loop.runUntilComplete(() -> {
                SelectorIo io = loop.io();
                SelectionKey key = io.register(ch);
                loop.callLater(Duration.ZERO, () -> log.add("timer"));
                io.addReader(key, () -> {
                    log.add("reader");
                    io.removeReader(key);
                });
                sleep(Duration.ofMillis(20)); // the next iteration: the timer is due and the socket readable
                return null;
            });
        }
        assertEquals(List.of("reader", "timer"), log);
    }
}
