package asynccourse.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class PageServerTest {
    private static final Site SITE = new Site("news", 20, Duration.ZERO, 1_000);

    /** A raw HTTP/1.0 GET over a socket: the server's bytes exactly as sent. */
    static String rawGet(PageServer server, String path) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(5_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toString(StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void site_bodyIsDeterministicOfExactSizeWithLinks() {
        Site same = new Site("news", 20, Duration.ofSeconds(1), 1_000);
        assertEquals(SITE.body(7), same.body(7));
        assertEquals(1_000, SITE.body(7).length());
        assertNotEquals(SITE.body(7), SITE.body(8));
        assertTrue(SITE.body(7).contains("<a href=\"/site/news/15\">"));
        assertEquals(List.of(15, 16, 3), SITE.links(7));
        assertEquals(List.of(), SITE.links(19).subList(0, 0));
        assertEquals(List.of(9), SITE.links(19));
    }

    @Test
    void site_everyPageReachableFromPageZero() {
        Set<Integer> seen = new HashSet<>(List.of(0));
        ArrayDeque<Integer> todo = new ArrayDeque<>(List.of(0));
        while (!todo.isEmpty()) {
            for (int j : SITE.links(todo.poll())) {
                if (seen.add(j)) {
                    todo.add(j);
                }
            }
        }
        assertEquals(SITE.pages(), seen.size());
    }

    @Test
    void site_badArguments_sayWhatIsWrong() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Site("a b", 1, Duration.ZERO, 1000));
        assertTrue(e.getMessage().contains("letters, digits"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Site("a", 0, Duration.ZERO, 1000));
        assertThrows(IllegalArgumentException.class, () -> new Site("a", 1, Duration.ofMillis(-1), 1000));
        assertThrows(IllegalArgumentException.class, () -> new Site("a", 1, Duration.ZERO, 10));
        assertThrows(IndexOutOfBoundsException.class, () -> SITE.body(20));
    }

    @Test
    @Timeout(10)
    void page_servedWithLengthAndBody_countsRequests() throws IOException {
        try (PageServer server = PageServer.start(SITE)) {
            String response = rawGet(server, "/site/news/3");
            assertTrue(response.startsWith("HTTP/1.1 200"), response);
            assertTrue(response.toLowerCase().contains("content-length: 1000"), response);
            assertTrue(response.endsWith(SITE.body(3)));
            assertTrue(rawGet(server, "/site/news/99").startsWith("HTTP/1.1 404"));
            assertTrue(rawGet(server, "/nothing").startsWith("HTTP/1.1 404"));
            assertEquals(3, server.requests());
            assertEquals(0, server.inFlight());
            server.resetCounts();
            assertEquals(0, server.requests());
        }
    }

    @Test
    @Timeout(10)
    void url_ofUnknownSite_isRefusedWithAdvice() {
        try (PageServer server = PageServer.start()) {
            var e = assertThrows(IllegalArgumentException.class, () -> server.url(SITE, 0));
            assertTrue(e.getMessage().contains("server.add"), e.getMessage());
            server.add(SITE);
            assertTrue(server.url(SITE, 0).matches("http://127\\.0\\.0\\.1:\\d+/site/news/0"));
        }
    }

    @Test
    @Timeout(10)
    void faults_statusPages() throws IOException {
        try (PageServer server = PageServer.start()) {
            assertTrue(rawGet(server, Fault.NOT_FOUND.path()).startsWith("HTTP/1.1 404"));
            assertTrue(rawGet(server, Fault.SERVER_ERROR.path()).startsWith("HTTP/1.1 500"));
        }
    }

    @Test
    @Timeout(10)
    void closedMidBody_sendsFewerBytesThanAnnouncedThenCloses() throws IOException {
        try (PageServer server = PageServer.start()) {
            String response = rawGet(server, Fault.CLOSED_MID_BODY.path()); // returns: the server closed
            assertTrue(response.toLowerCase().contains("content-length: " + PageServer.ANNOUNCED), response);
            int body = response.length() - response.indexOf("\r\n\r\n") - 4;
            assertEquals(PageServer.SENT_BEFORE_CLOSE, body);
        }
    }

    @Test
    @Timeout(20)
    void oversized_sendsSixteenMebibytesWithoutLength() throws IOException {
        try (PageServer server = PageServer.start()) {
            String response = rawGet(server, Fault.OVERSIZED.path()); // HTTP/1.0: to the end of the connection
            assertTrue(!response.substring(0, 200).toLowerCase().contains("content-length"), response.substring(0, 200));
            assertTrue(response.length() > PageServer.OVERSIZED_BYTES);
        }
    }

    @Test
    @Timeout(10)
    void tooSlow_holdsTheRequest_closeDropsIt() throws Exception {
        PageServer server = PageServer.start();
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write(("GET " + Fault.TOO_SLOW.path() + " HTTP/1.0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            long deadline = System.nanoTime() + 5_000_000_000L;
            // the peak is updated just after the count: wait for it, the later of the two
            while (server.maxInFlight() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertEquals(1, server.inFlight());
            assertEquals(1, server.maxInFlight());
            server.close(); // returns at once, though the page is due in an hour
            s.setSoTimeout(5_000);
            assertEquals(-1, s.getInputStream().read(), "the connection is closed, without an answer");
        }
    }

    @Test
    @Timeout(10)
    void latency_holdsRequestsInFlightTogether_peakCounted() throws Exception {
        Site slow = new Site("slow", 5, Duration.ofHours(1), 300); // answers only after the test: all five overlap
        PageServer server = PageServer.start(slow);
        List<Socket> clients = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                Socket s = new Socket("127.0.0.1", server.port());
                clients.add(s);
                s.getOutputStream().write(("GET " + slow.path(i) + " HTTP/1.0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            long deadline = System.nanoTime() + 5_000_000_000L;
            // the peak is updated just after the count: wait for it, the later of the two
            while (server.maxInFlight() < 5 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertEquals(5, server.requests());
            assertEquals(5, server.inFlight());
            assertEquals(5, server.maxInFlight());
            server.resetCounts();
            assertEquals(0, server.requests());
            assertEquals(5, server.maxInFlight(), "after a reset the peak starts from what is in flight now");
        } finally {
            server.close();
            for (Socket s : clients) {
                s.close();
            }
        }
    }

    @Test
    @Timeout(10)
    void close_endsTheServersThreads() throws Exception {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        try (PageServer server = PageServer.start(SITE)) {
            rawGet(server, "/site/news/0");
        }
        assertEquals(List.of(), DownloaderTest.newLiveThreads(before));
    }

    @Test
    void nodelay_isSetForTheJdkServer() {
        PageServer.start().close();
        assertEquals("true", System.getProperty(PageServer.NODELAY_PROPERTY));
    }
}
