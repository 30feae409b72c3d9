package asynccourse.net;

import static asynccourse.loop.Asyncio.createTask;
import static asynccourse.loop.Asyncio.gather;
import static asynccourse.loop.Asyncio.gatherReturnExceptions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asynccourse.loop.Asyncio;
import asynccourse.loop.Task;
import asynccourse.net.DownloadException.Reason;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class DownloaderTest {
    private static final Site SITE = new Site("docs", 8, Duration.ofMillis(20), 2_000);
    private static PageServer server;

    @BeforeAll
    static void start() {
        server = PageServer.start(SITE);
        // the first download of a JVM loads the HTTP client's classes: keep that out of the timeouts below
        Asyncio.run(() -> Downloads.download(server.url(SITE, 0)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Threads alive now that were not in {@code before}, waiting up to 5 s for them to end (JVM-wide daemons excluded). */
    static List<String> newLiveThreads(Set<Thread> before) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        List<String> extra;
        do {
            extra = new ArrayList<>();
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (!before.contains(t) && t.isAlive() && !t.getName().startsWith("ForkJoinPool")
                        && !t.getName().equals("Common-Cleaner") && !t.getName().startsWith("InnocuousThread")
                        && !t.getName().startsWith("Attach Listener")) {
                    extra.add(t.getName());
                }
            }
            if (!extra.isEmpty()) {
                Thread.sleep(10);
            }
        } while (!extra.isEmpty() && System.nanoTime() < deadline);
        return extra;
    }

    private static DownloadException fails(String url, Function<Downloader, Object> how) {
        try (Downloader web = Downloader.open(Duration.ofSeconds(2), 100_000)) {
            return assertThrows(DownloadException.class, () -> Asyncio.run(() -> how.apply(web)));
        }
    }

    private static DownloadException fails(String url) {
        DownloadException e = fails(url, web -> web.download(url));
        assertEquals(url, e.url());
        assertTrue(e.getMessage().startsWith("GET " + url + " failed: "), e.getMessage());
        return e;
    }

    @Test
    @Timeout(10)
    void download_page_recordWithStatusSizeTimeAndVerifiableBody() {
        String url = server.url(SITE, 1);
        Download d = Asyncio.run(() -> Downloads.download(url));
        assertEquals(url, d.url());
        assertEquals(200, d.status());
        assertEquals(2_000, d.size());
        assertTrue(d.time().compareTo(Duration.ofMillis(20)) >= 0, "the latency is a floor: " + d.time());
        assertEquals(SITE.checksum(1), d.checksum());
        assertEquals(List.of(server.url(SITE, 3), server.url(SITE, 4), server.url(SITE, 0)), d.links());
        assertTrue(d.toString().contains("2000 bytes") && !d.toString().contains("<html>"), d.toString());
    }

    @Test
    @Timeout(10)
    void download_eightTasksGathered_allInFlightTogether() {
        server.resetCounts();
        List<Download> all = Asyncio.run(() -> {
            try (Downloader web = Downloader.open()) {
                List<Task<Download>> tasks = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    String url = server.url(SITE, i);
                    tasks.add(createTask(() -> web.download(url)));
                }
                return gather(tasks);
            }
        });
        for (int i = 0; i < 8; i++) {
            assertEquals(SITE.checksum(i), all.get(i).checksum());
        }
        assertEquals(8, server.requests());
    }

    @Test
    @Timeout(10)
    void notFound_namesUrlAndStatus() {
        DownloadException e = fails(server.url(Fault.NOT_FOUND));
        assertEquals(Reason.HTTP_STATUS, e.reason());
        assertEquals(404, e.status());
        assertTrue(e.getMessage().endsWith("HTTP 404 Not Found"), e.getMessage());
    }

    @Test
    @Timeout(10)
    void serverError_namesUrlAndStatus() {
        DownloadException e = fails(server.url(Fault.SERVER_ERROR));
        assertEquals(Reason.HTTP_STATUS, e.reason());
        assertEquals(500, e.status());
        assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
    }

    @Test
    @Timeout(10)
    void tooSlow_timesOut() {
        DownloadException e = fails(server.url(Fault.TOO_SLOW));
        assertEquals(Reason.TIMEOUT, e.reason());
        assertTrue(e.getMessage().contains("no answer within 2.000 s"), e.getMessage());
    }

    @Test
    @Timeout(10)
    void closedMidBody_saysSo() {
        DownloadException e = fails(server.url(Fault.CLOSED_MID_BODY));
        assertEquals(Reason.CONNECTION_CLOSED, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("closed before the whole body arrived"), e.getMessage());
    }

    @Test
    @Timeout(10)
    void oversized_stopsAtTheLimit() {
        DownloadException e = fails(server.url(Fault.OVERSIZED));
        assertEquals(Reason.TOO_LARGE, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("over the limit of 100000 bytes"), e.getMessage());
    }

    @Test
    @Timeout(10)
    void announcedLengthOverLimit_refusedBeforeReading() {
        String url = server.url(SITE, 0); // 2,000 bytes
        try (Downloader web = Downloader.open(Duration.ofSeconds(5), 1_000)) {
            DownloadException e = assertThrows(DownloadException.class, () -> Asyncio.run(() -> web.download(url)));
            assertEquals(Reason.TOO_LARGE, e.reason());
            assertTrue(e.getMessage().contains("announced 2000 bytes, the limit is 1000"), e.getMessage());
        }
    }

    @Test
    @Timeout(10)
    void refused_namesHostAndPort() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        } // closed: nothing listens there now
        String url = "http://127.0.0.1:" + port + "/x";
        DownloadException e = fails(url);
        assertEquals(Reason.CONNECTION_REFUSED, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("nothing listens at 127.0.0.1:" + port), e.getMessage());
    }

    @Test
    @Timeout(30)
    void unknownHost_saysSo() {
        // .invalid is reserved (RFC 6761): it never resolves, and the resolver knows without asking the network
        DownloadException e = fails("http://no-such-host.invalid/page");
        assertEquals(Reason.UNKNOWN_HOST, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("unknown host 'no-such-host.invalid'"), e.getMessage());
    }

    @Test
    @Timeout(10)
    void malformedUrls_saySo() {
        for (String url : List.of("htp:/nope", "not a url", "ftp://127.0.0.1/x", "http:///path-without-host")) {
            DownloadException e = fails(url);
            assertEquals(Reason.MALFORMED_URL, e.reason(), url);
            assertTrue(e.getMessage().contains("malformed URL"), e.getMessage());
        }
    }

    @Test
    @Timeout(10)
    void blockingVersion_sameResultsAndErrors() {
        try (Downloader web = Downloader.open()) {
            assertEquals(SITE.checksum(1), web.downloadBlocking(server.url(SITE, 1)).checksum());
            DownloadException e = assertThrows(DownloadException.class, () -> web.downloadBlocking(server.url(Fault.NOT_FOUND)));
            assertEquals(404, e.status());
        }
    }

    @Test
    @Timeout(15)
    void mixedBatch_gatherReturnExceptions_oneSlotEach() {
        List<String> urls = List.of(server.url(SITE, 0), server.url(Fault.NOT_FOUND), server.url(Fault.SERVER_ERROR),
                server.url(Fault.TOO_SLOW), server.url(Fault.CLOSED_MID_BODY));
        List<Object> results;
        try (Downloader web = Downloader.open(Duration.ofMillis(500), 100_000)) {
            results = Asyncio.run(() -> {
                List<Task<Download>> tasks = new ArrayList<>();
                for (String u : urls) {
                    tasks.add(createTask(() -> web.download(u)));
                }
                return gatherReturnExceptions(tasks);
            });
        }
        assertInstanceOf(Download.class, results.get(0));
        assertEquals(List.of(Reason.HTTP_STATUS, Reason.HTTP_STATUS, Reason.TIMEOUT, Reason.CONNECTION_CLOSED),
                results.subList(1, 5).stream().map(r -> ((DownloadException) r).reason()).toList());
    }

    @Test
    @Timeout(10)
    void cancellingTheTask_abortsTheRequest() {
        try (Downloader web = Downloader.open()) {
            Throwable t = assertThrows(CancellationException.class, () -> Asyncio.run(() -> {
                Task<Download> slow = createTask(() -> web.download(server.url(Fault.TOO_SLOW)));
                Asyncio.sleep(Duration.ofMillis(50));
                slow.cancel();
                return slow.await();
            }));
            assertSame(CancellationException.class, t.getClass());
        }
    }

    @Test
    @Timeout(30)
    void noThreadLeftBehind_afterSuccessesAndEveryFault() throws Exception {
        Asyncio.run(() -> Downloads.download(server.url(SITE, 0))); // warm: JVM-wide threads start once
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        List<String> urls = new ArrayList<>(List.of(server.url(SITE, 0), server.url(SITE, 1)));
        for (Fault f : Fault.values()) {
            urls.add(server.url(f));
        }
        Asyncio.run(() -> {
            try (Downloader web = Downloader.open(Duration.ofMillis(300), 100_000)) {
                List<Task<Download>> tasks = new ArrayList<>();
                for (String u : urls) {
                    tasks.add(createTask(() -> web.download(u)));
                }
                return gatherReturnExceptions(tasks);
            }
        });
        // one-off downloads too, and a main that fails while a download is in flight
        assertThrows(DownloadException.class, () -> Asyncio.run(() -> Downloads.download(server.url(Fault.NOT_FOUND))));
        assertThrows(IllegalStateException.class, () -> Asyncio.run(() -> {
            try (Downloader web = Downloader.open()) {
                createTask(() -> web.download(server.url(Fault.TOO_SLOW)));
                Asyncio.sleep(Duration.ofMillis(20));
                throw new IllegalStateException("main fails mid-download");
            }
        }));
        assertEquals(List.of(), newLiveThreads(before));
    }

    @Test
    @Timeout(20)
    void responses_doNotWaitForDelayedAcks() {
        // Without TCP_NODELAY on the server, a response whose body goes out in a write of its own
        // (10 kB: past the server's buffer) waits ~40 ms for the client's delayed ACK on a kept-alive
        // connection: measured here, 20 of 20 such requests took over 35 ms with the property off, 0 with it on.
        Site quick = new Site("quick", 1, Duration.ZERO, 10_000);
        server.add(quick);
        String url = server.url(quick, 0);
        int slow = 0;
        try (Downloader web = Downloader.open()) {
            web.downloadBlocking(url);
            for (int i = 0; i < 20; i++) {
                if (web.downloadBlocking(url).time().compareTo(Duration.ofMillis(35)) >= 0) {
                    slow++;
                }
            }
        }
        assertTrue(slow <= 10, slow + " of 20 responses took 35 ms or more: delayed ACKs (TCP_NODELAY missing?)");
    }
}
