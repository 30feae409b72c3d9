package asynccourse.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asynccourse.loop.Asyncio;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class BatchAndCrawlerTest {

    @Test
    @Timeout(20)
    void downloadAll_neverMoreThanTheLimitInFlight_resultsInInputOrder() {
        Site site = new Site("many", 60, Duration.ofMillis(100), 500);
        try (PageServer server = PageServer.start(site)) {
            List<String> urls = new ArrayList<>();
            for (int i = 0; i < site.pages(); i++) {
                urls.add(server.url(site, i));
            }
            List<Download> seen = new ArrayList<>();
            List<Download> all = Asyncio.run(() -> {
                try (Downloader web = Downloader.open()) {
                    return Batch.downloadAll(web, urls, 7, seen::add);
                }
            });
            assertEquals(urls, all.stream().map(Download::url).toList());
            assertEquals(60, seen.size());
            assertTrue(server.maxInFlight() <= 7, "server saw " + server.maxInFlight() + " at once");
            assertTrue(InFlight.peak(all) <= 7, "client had " + InFlight.peak(all) + " at once");
            assertTrue(server.maxInFlight() >= 2, "100 ms latency: several overlap (" + server.maxInFlight() + ")");
        }
    }

    @Test
    void downloadAll_badLimit_saysSo() {
        try (Downloader web = Downloader.open()) {
            var e = assertThrows(IllegalArgumentException.class, () -> Asyncio.run(() -> Batch.downloadAll(web, List.of(), 0, d -> {})));
            assertTrue(e.getMessage().contains("at least 1"));
        }
    }

    @Test
    @Timeout(20)
    void crawl_findsEveryPageOnce_stopsWhenExhausted_atMostWorkersInFlight() {
        Site site = new Site("wiki", 50, Duration.ofMillis(10), 400);
        try (PageServer server = PageServer.start(site)) {
            Crawler.Result r = Asyncio.run(() -> {
                try (Downloader web = Downloader.open()) {
                    return Crawler.crawl(web, server.url(site, 0), 4, d -> {});
                }
            });
            Set<String> urls = new HashSet<>();
            for (Download d : r.pages()) {
                urls.add(d.url());
            }
            assertEquals(50, r.pages().size());
            assertEquals(50, urls.size(), "no page twice");
            assertEquals(50, server.requests());
            assertEquals(List.of(), r.failures());
            assertTrue(server.maxInFlight() <= 4, "server saw " + server.maxInFlight());
        }
    }

    @Test
    @Timeout(20)
    void crawl_collectsFailures_andStillEnds() {
        Site site = new Site("tiny", 1, Duration.ZERO, 400);
        try (PageServer server = PageServer.start(site)) {
            Crawler.Result r = Asyncio.run(() -> {
                try (Downloader web = Downloader.open()) {
                    return Crawler.crawl(web, server.url(Fault.NOT_FOUND), 2, d -> {});
                }
            });
            assertEquals(0, r.pages().size());
            assertEquals(404, r.failures().get(0).status());
        }
    }

    @Test
    void inFlight_peakAndChart() {
        List<Download> ds = List.of(
                new Download("a", 200, 1, Duration.ofMillis(100), 0, ""),
                new Download("b", 200, 1, Duration.ofMillis(100), 50_000_000, ""),
                new Download("c", 200, 1, Duration.ofMillis(100), 100_000_000, "")); // starts as a ends
        assertEquals(2, InFlight.peak(ds));
        assertEquals(0, InFlight.peak(List.of()));
        String svg = InFlight.svg(ds, "a < b");
        assertTrue(svg.startsWith("<svg") && svg.contains("a &lt; b") && svg.contains("0.200 s"), svg);
        assertTrue(InFlight.progressHtml(3, 10, "pages").contains("3 / 10 pages"));
    }

    @Test
    void outcomes_oneRowPerUrl_inWords() {
        List<String> urls = List.of("http://h:1/site/a/0", "http://h:1/fault/not-found", "http://h:1/fault/too-slow");
        List<Object> results = List.of(new Download(urls.get(0), 200, 400, Duration.ofMillis(250), 0, ""),
                new DownloadException(urls.get(1), DownloadException.Reason.HTTP_STATUS, 404, "HTTP 404 Not Found", null),
                new java.util.concurrent.CancellationException());
        List<Outcomes.Row> rows = Outcomes.rows(urls, results);
        assertEquals(new Outcomes.Row("/site/a/0", "ok", "200, 400 bytes in 0.250 s"), rows.get(0));
        assertEquals(new Outcomes.Row("/fault/not-found", "HTTP 404", "HTTP 404 Not Found"), rows.get(1));
        assertEquals("cancelled", rows.get(2).outcome());
        assertTrue(Outcomes.html(rows).contains("<td>HTTP 404</td>"));
        assertThrows(IllegalArgumentException.class, () -> Outcomes.rows(urls, List.of()));
    }
}
