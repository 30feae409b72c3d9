package asynccourse.net;

import asynccourse.loop.Asyncio;
import asynccourse.loop.Connection;
import asynccourse.loop.StreamReader;
import asynccourse.net.DownloadException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * THE TEACHING VERSION of an HTTP download: a plain HTTP/1.0 {@code GET} written by hand over
 * {@link Asyncio#openConnection}, so that every await is visible (connect, send the request,
 * read the status line, the headers, the body), each one waiting on the event loop's own
 * selector. It shows what a library does underneath; for real work use {@link Downloader}
 * (HttpClient: HTTPS, redirects, keep-alive, HTTP/2, timeouts, proxies), which this class
 * leaves out on purpose.
 *
 * <p>What it does: one connection per request ({@code HTTP/1.0}: the server closes it after the
 * answer), plain {@code http://} only, a body of at most {@link Downloader#DEFAULT_MAX_BYTES},
 * no timeout of its own (wrap it in {@code waitFor} or {@code timeout}). Failures are the same
 * {@link DownloadException}s as {@link Downloader}'s, naming the URL: malformed URL, unknown
 * host, connection refused, a status other than 2xx, a connection closed mid-body, a body too
 * large.
 *
 * <p>Threading: a coroutine: call {@link #get} from a task of a running event loop with the
 * real clock. Cancellation: cancelling the task closes the connection. Nulls: the URL must not
 * be null.
 *
 * <pre>{@code
 * run(() -> {
 *     Download page = RawHttp.get(server.url(site, 0));
 *     System.out.println(page.status() + " " + page.size() + " bytes, checksum " + page.checksum());
 *     return page;
 * });
 * }</pre>
 */
public final class RawHttp {
    private RawHttp() {}

    /**
     * Downloads {@code url} with a hand-written HTTP/1.0 GET over the loop's own sockets.
     *
     * @param url an {@code http://} URL
     * @return the download (status, size, time, body)
     * @throws DownloadException naming the URL and what went wrong
     * @throws IllegalStateException outside a coroutine, or on a loop with a virtual clock
     */
    public static Download get(String url) {
        Objects.requireNonNull(url, "url");
        URI uri = parse(url);
        String host = uri.getHost();
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        long t0 = System.nanoTime();
        int status;
        byte[] body;
        try (Connection c = Asyncio.openConnection(host, port)) {               // await: connect
            c.writer().write("GET " + path + " HTTP/1.0\r\n"
                    + "Host: " + host + ":" + port + "\r\n"
                    + "\r\n");                                                     // no await: buffered
            StreamReader in = c.reader();
            status = statusOf(url, in.readLine());                                 // await: the answer starts
            long length = -1;
            for (String h = in.readLine(); h != null && !h.isEmpty(); h = in.readLine()) {
                int colon = h.indexOf(':');
                if (colon > 0 && h.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                    length = Long.parseLong(h.substring(colon + 1).trim());
                }
            }
            if (length > Downloader.DEFAULT_MAX_BYTES) {
                throw new DownloadException(url, Reason.TOO_LARGE, 0, "the body announces " + length
                        + " bytes, over the limit of " + Downloader.DEFAULT_MAX_BYTES, null);
            }
            body = length >= 0 ? in.readExactly((int) length) : readLimited(url, in); // await: the body
        } catch (EOFException e) {
            throw new DownloadException(url, Reason.CONNECTION_CLOSED, 0,
                    "the connection closed before the whole body arrived (" + e.getMessage() + ")", e);
        } catch (UnknownHostException e) {
            throw new DownloadException(url, Reason.UNKNOWN_HOST, 0, "unknown host '" + host + "'", e);
        } catch (ConnectException e) {
            throw new DownloadException(url, Reason.CONNECTION_REFUSED, 0,
                    "connection refused: nothing listens at " + host + ":" + port, e);
        } catch (NumberFormatException e) {
            throw new DownloadException(url, Reason.IO, 0, "a malformed Content-Length header: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new DownloadException(url, Reason.IO, 0, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
        if (status / 100 != 2) {
            throw new DownloadException(url, Reason.HTTP_STATUS, status, "HTTP " + status, null);
        }
        return new Download(url, status, body.length, Duration.ofNanos(System.nanoTime() - t0), t0,
                new String(body, StandardCharsets.UTF_8));
    }

    private static URI parse(String url) {
        return Downloader.parse(url, null,
                "malformed URL: the teaching version speaks plain http:// only (use Downloader for https)");
    }

    /** Parses {@code HTTP/1.1 200 OK}. */
    private static int statusOf(String url, String line) {
        if (line == null) {
            throw new DownloadException(url, Reason.CONNECTION_CLOSED, 0, "the connection closed before any answer", null);
        }
        String[] parts = line.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new DownloadException(url, Reason.IO, 0, "not an HTTP answer: '" + line + "'", null);
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new DownloadException(url, Reason.IO, 0, "not an HTTP status: '" + line + "'", e);
        }
    }

    /** A body without Content-Length: everything until the server closes, within the limit. */
    private static byte[] readLimited(String url, StreamReader in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] b = in.read(64 * 1024); b.length > 0; b = in.read(64 * 1024)) {
            out.write(b);
            if (out.size() > Downloader.DEFAULT_MAX_BYTES) {
                throw new DownloadException(url, Reason.TOO_LARGE, 0,
                        "the body is over the limit of " + Downloader.DEFAULT_MAX_BYTES + " bytes", null);
            }
        }
        return out.toByteArray();
    }
}
