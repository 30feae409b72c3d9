package asynccourse.net;

/**
 * One-off downloads for a coroutine: {@code Downloads.download(url)} opens a {@link Downloader},
 * downloads one page and closes it again, like {@code aiohttp.request(...)} next to a
 * {@code ClientSession}. For more than a few pages open one {@link Downloader} and share it:
 * it reuses connections and threads.
 *
 * <p>Threading: call {@link #download} from a coroutine on a running event loop. Cancellation:
 * cancelling the calling task aborts the request. Nulls: the URL must not be null.
 *
 * <pre>{@code
 * Download d = run(() -> Downloads.download("http://127.0.0.1:8080/site/news/0"));
 * }</pre>
 */
public final class Downloads {
    private Downloads() {}

    /**
     * Downloads {@code url} with a downloader of its own ({@link Downloader#DEFAULT_TIMEOUT},
     * {@link Downloader#DEFAULT_MAX_BYTES}), closed before this returns.
     *
     * @param url an http:// URL
     * @return the download
     * @throws DownloadException naming the URL and what went wrong
     */
    public static Download download(String url) {
        try (Downloader web = Downloader.open()) {
            return web.download(url);
        }
    }
}
