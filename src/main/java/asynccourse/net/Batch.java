package asynccourse.net;

import static asynccourse.loop.Asyncio.createTask;
import static asynccourse.loop.Asyncio.gather;

import asynccourse.loop.Semaphore;
import asynccourse.loop.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Many downloads with at most {@code limit} in flight at once: one task per URL, each holding a
 * permit of a {@link Semaphore} while it downloads. The Python twin is
 * {@code async with sem: await fetch(url)} inside each task, gathered.
 *
 * <p>Threading: call {@link #downloadAll} from a coroutine; {@code onEach} runs on the loop.
 * Cancellation: cancelling the caller cancels every task (as {@code gather} does). Nulls:
 * arguments must not be null.
 *
 * <pre>{@code
 * List<Download> pages = Batch.downloadAll(web, urls, 20, d -> {});   // never more than 20 at once
 * }</pre>
 */
public final class Batch {
    private Batch() {}

    /**
     * Downloads every URL, at most {@code limit} at a time.
     *
     * @param web the downloader
     * @param urls the URLs
     * @param limit how many may be in flight at once, at least 1
     * @param onEach called on the loop with each finished download, as it finishes
     * @return the downloads, in the order of {@code urls}
     * @throws DownloadException the first failure (the other tasks keep running, as in gather)
     */
    public static List<Download> downloadAll(Downloader web, List<String> urls, int limit, Consumer<Download> onEach) {
        Objects.requireNonNull(web, "web");
        Objects.requireNonNull(urls, "urls");
        Objects.requireNonNull(onEach, "onEach");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        Semaphore inFlight = new Semaphore(limit);
        List<Task<Download>> tasks = new ArrayList<>(urls.size());
        for (String url : urls) {
            tasks.add(createTask(() -> {
                Download d;
                inFlight.acquire();             // async with sem:
                try {
                    d = web.download(url);
                } finally {
                    inFlight.release();
                }
                onEach.accept(d);
                return d;
            }));
        }
        return gather(tasks);
    }
}
