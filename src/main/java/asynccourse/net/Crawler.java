package asynccourse.net;

import static asynccourse.loop.Asyncio.createTask;
import static asynccourse.loop.Asyncio.gatherReturnExceptions;

import asynccourse.loop.Queue;
import asynccourse.loop.Task;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A small crawler: {@code workers} tasks take URLs from a {@link Queue}, download them and put
 * the links they have not seen yet back into the queue; the crawl ends when the queue's
 * {@link Queue#join()} returns (every URL put has been taken and processed), and the workers,
 * waiting for URLs that will never come, are cancelled. It follows only links to the start
 * URL's host and port.
 *
 * <p>Threading: call {@link #crawl} from a coroutine; {@code onEach} runs on the loop.
 * Cancellation: cancelling the caller cancels the workers. Nulls: arguments must not be null.
 * A page that fails is not retried: its {@link DownloadException} is collected in
 * {@link Result#failures()}.
 *
 * <pre>{@code
 * Crawler.Result r = Crawler.crawl(web, server.url(site, 0), 10, d -> {});
 * r.pages().size();   // every page reachable from page 0
 * }</pre>
 */
public final class Crawler {
    private Crawler() {}

    /**
     * What a crawl found.
     *
     * @param pages the pages downloaded, in the order they finished
     * @param failures the pages that failed
     */
    public record Result(List<Download> pages, List<DownloadException> failures) {}

    /**
     * Crawls from {@code start} with {@code workers} workers.
     *
     * @param web the downloader
     * @param start the first URL
     * @param workers how many workers, at least 1 (so at most that many downloads in flight)
     * @param onEach called on the loop with each page downloaded, as it finishes
     * @return the pages and failures
     */
    public static Result crawl(Downloader web, String start, int workers, Consumer<Download> onEach) {
        Objects.requireNonNull(web, "web");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(onEach, "onEach");
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        URI origin = URI.create(start);
        Queue<String> todo = new Queue<>();
        Set<String> seen = new HashSet<>();
        List<Download> pages = new ArrayList<>();
        List<DownloadException> failures = new ArrayList<>();
        seen.add(start);
        todo.putNowait(start);
        List<Task<Void>> crew = new ArrayList<>();
        for (int w = 1; w <= workers; w++) {
            crew.add(createTask(() -> {
                while (true) {
                    String url = todo.get();
                    try {
                        Download d = web.download(url);
                        pages.add(d);
                        onEach.accept(d);
                        for (String link : d.links()) {
                            URI u = URI.create(link);
                            if (Objects.equals(u.getHost(), origin.getHost()) && u.getPort() == origin.getPort()
                                    && seen.add(link)) {
                                todo.putNowait(link);
                            }
                        }
                    } catch (DownloadException e) {
                        failures.add(e);
                    } finally {
                        todo.taskDone();
                    }
                }
            }, "worker " + w));
        }
        try {
            todo.join();
        } finally {
            for (Task<Void> t : crew) {
                t.cancel();
            }
            gatherReturnExceptions(crew); // wait until every worker has stopped
        }
        return new Result(List.copyOf(pages), List.copyOf(failures));
    }
}
