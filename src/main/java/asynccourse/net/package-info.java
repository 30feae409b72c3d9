/**
 * Downloading pages concurrently, all on the loopback interface: {@link asynccourse.net.PageServer}
 * serves {@link asynccourse.net.Site}s and {@link asynccourse.net.Fault} pages on 127.0.0.1;
 * {@link asynccourse.net.Downloader} downloads over {@link java.net.http.HttpClient} as a
 * coroutine of the event loop (or blocking, for threads), with a
 * {@link asynccourse.net.DownloadException} for every way a download fails;
 * {@link asynccourse.net.Batch} and {@link asynccourse.net.Crawler} download many pages with a
 * {@link asynccourse.loop.Semaphore} and a {@link asynccourse.loop.Queue};
 * {@link asynccourse.net.InFlight} and {@link asynccourse.net.Outcomes} draw and tabulate what
 * happened.
 */
package asynccourse.net;
