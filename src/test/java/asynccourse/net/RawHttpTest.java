package asynccourse.net;

import static asynccourse.loop.Asyncio.createTask;
import static asynccourse.loop.Asyncio.gather;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asynccourse.loop.Asyncio;
import asynccourse.loop.Task;
import asynccourse.net.DownloadException.Reason;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The teaching HTTP/1.0 GET against the loopback PageServer; every test bounded (20 s). */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class RawHttpTest {
    private static final Site SITE = new Site("raw", 8, Duration.ofMillis(200), 3_000);
    private static PageServer server;

    @BeforeAll
    static void start() {
        server = PageServer.start(SITE);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void get_page_statusSizeAndChecksumMatchTheSite() {
        Download d = Asyncio.run(() -> RawHttp.get(server.url(SITE, 3)));
        assertEquals(200, d.status());
        assertEquals(SITE.checksum(3), d.checksum());
        assertEquals(d.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length, d.size());
        assertTrue(d.time().toMillis() >= 200, "the page's latency is 200 ms: " + d.time());
    }

    @Test
    void get_samePagesAsHttpClient() {
        List<String> raw = new ArrayList<>();
        List<String> client = new ArrayList<>();
        Asyncio.run(() -> {
            for (int i = 0; i < 3; i++) {
                raw.add(RawHttp.get(server.url(SITE, i)).body());
                client.add(Downloads.download(server.url(SITE, i)).body());
            }
            return null;
        });
        assertEquals(client, raw);
    }

    @Test
    void get_eightPagesAtOnce_overlap() {
        List<Download> all;
        int peak;
        try (PageServer own = PageServer.start(SITE)) { // its own: no other test's requests in its counts
            all = Asyncio.run(() -> {
                List<Task<Download>> ts = new ArrayList<>();
                for (int i = 0; i < SITE.pages(); i++) {
                    String url = own.url(SITE, i);
                    ts.add(createTask(() -> RawHttp.get(url)));
                }
                return gather(ts);
            });
            peak = own.maxInFlight();
        }
        for (int i = 0; i < all.size(); i++) {
            assertEquals(SITE.checksum(i), all.get(i).checksum());
        }
        // the server answers each page 200 ms after its request came: all eight requests reached it
        // before the first answer left (one after another, it would have held 1 at a time)
        assertEquals(8, peak, "requests the server held at once");
    }

    @Test
    void get_notFound_httpStatusNamingTheUrl() {
        String url = server.url(Fault.NOT_FOUND);
        DownloadException e = assertThrows(DownloadException.class, () -> Asyncio.run(() -> RawHttp.get(url)));
        assertEquals(Reason.HTTP_STATUS, e.reason());
        assertEquals(404, e.status());
        assertTrue(e.getMessage().contains(url), e.getMessage());
    }

    @Test
    void get_connectionClosedMidBody_clearExceptionNamingTheUrl() {
        String url = server.url(Fault.CLOSED_MID_BODY);
        DownloadException e = assertThrows(DownloadException.class, () -> Asyncio.run(() -> RawHttp.get(url)));
        assertEquals(Reason.CONNECTION_CLOSED, e.reason());
        assertTrue(e.getMessage().contains(url), e.getMessage());
        assertTrue(e.getMessage().contains("closed before the whole body"), e.getMessage());
    }

    @Test
    void get_oversized_tooLarge() {
        String url = server.url(Fault.OVERSIZED);
        DownloadException e = assertThrows(DownloadException.class, () -> Asyncio.run(() -> RawHttp.get(url)));
        assertEquals(Reason.TOO_LARGE, e.reason());
        assertTrue(e.getMessage().contains(url), e.getMessage());
    }

    @Test
    void get_refused_namesHostAndPort() throws Exception {
        int port;
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = ss.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/x";
        DownloadException e = assertThrows(DownloadException.class, () -> Asyncio.run(() -> RawHttp.get(url)));
        assertEquals(Reason.CONNECTION_REFUSED, e.reason());
        assertTrue(e.getMessage().contains(url) && e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
    }

    @Test
    void get_httpsOrGarbage_malformedUrl() {
        for (String url : List.of("https://127.0.0.1/x", "not a url", "http:///nohost")) {
            DownloadException e = assertThrows(DownloadException.class, () -> Asyncio.run(() -> RawHttp.get(url)));
            assertEquals(Reason.MALFORMED_URL, e.reason(), url);
        }
    }

    @Test
    void get_cancelled_endsAtOnce() {
        String url = server.url(Fault.TOO_SLOW);
        Asyncio.run(() -> {
            Task<Download> t = createTask(() -> RawHttp.get(url));
            Asyncio.sleep(Duration.ofMillis(100));
            t.cancel();
            long t0 = System.nanoTime();
            assertThrows(java.util.concurrent.CancellationException.class, t::await);
            // the fault page answers only after a very long time: the cancel did not wait for it
            assertTrue(System.nanoTime() - t0 < 5_000_000_000L);
            return null;
        });
    }
}
