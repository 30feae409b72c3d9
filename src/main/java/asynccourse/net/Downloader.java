package asynccourse.net;

import asynccourse.loop.Asyncio;
import asynccourse.net.DownloadException.Reason;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Downloads pages over HTTP with {@link java.net.http.HttpClient}; Java's counterpart of
 * aiohttp's {@code ClientSession}: open one, download many pages through it (it reuses
 * connections), close it. {@link #download(String)} is a coroutine for our event loop (it sends
 * with {@code sendAsync} and awaits the future on the loop, which runs other tasks meanwhile);
 * {@link #downloadBlocking(String)} is the same for a thread that may block; {@link
 * #downloadAsync(String)} returns the future.
 *
 * <p>Every failure is a {@link DownloadException} naming the URL and the {@link
 * DownloadException.Reason}: malformed URL, unknown host, connection refused, a status other than
 * 2xx, timeout (no answer within {@link #timeout()}), connection closed mid-body, a body over
 * {@link #maxBytes()}.
 *
 * <p>Threading: thread-safe; the client runs on its own threads (a selector thread and a pool),
 * which {@link #close()} ends before it returns, aborting what is still in flight.
 * Cancellation: cancelling the task that awaits {@link #download} (or the future of {@link
 * #downloadAsync}) aborts that request. Nulls: arguments must not be null.
 *
 * <pre>{@code
 * run(() -> {
 *     try (Downloader web = Downloader.open()) {
 *         Task<Download> a = createTask(() -> web.download(url1));
 *         Task<Download> b = createTask(() -> web.download(url2));
 *         return gather(a, b);
 *     }
 * });
 * }</pre>
 */
public final class Downloader implements AutoCloseable {
    /** The default timeout: 10 s. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** The default body limit: 1 MiB. */
    public static final long DEFAULT_MAX_BYTES = 1 << 20;

    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private final HttpClient client;
    private final ExecutorService executor;
    private final Duration timeout;
    private final long maxBytes;

    private Downloader(Duration timeout, long maxBytes) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
        int n = CLIENTS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "downloader-" + n + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .executor(executor)
                .build();
    }

    /**
     * Opens a downloader with {@link #DEFAULT_TIMEOUT} and {@link #DEFAULT_MAX_BYTES}.
     *
     * @return the downloader; close it when done
     */
    public static Downloader open() {
        return new Downloader(DEFAULT_TIMEOUT, DEFAULT_MAX_BYTES);
    }

    /**
     * Opens a downloader.
     *
     * @param timeout how long to wait for a connection and for the response's headers; positive
     * @param maxBytes the largest body accepted
     * @return the downloader; close it when done
     */
    public static Downloader open(Duration timeout, long maxBytes) {
        return new Downloader(timeout, maxBytes);
    }

    /**
     * The timeout for connecting and for the response's headers.
     *
     * @return the timeout
     */
    public Duration timeout() {
        return timeout;
    }

    /**
     * The largest body accepted, in bytes.
     *
     * @return the limit
     */
    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Downloads {@code url} on the running event loop: sends the request and awaits the answer;
     * the loop runs other tasks meanwhile. Call it from a coroutine.
     *
     * @param url an http:// URL
     * @return the download
     * @throws DownloadException naming the URL and what went wrong
     * @throws CancellationException if the calling task is cancelled (the request is aborted)
     * @throws IllegalStateException outside a coroutine
     */
    public Download download(String url) {
        return Asyncio.await(downloadAsync(url));
    }

    /**
     * Downloads {@code url}, blocking the calling thread (a platform or virtual thread; never an
     * event loop's coroutine, which would stall its loop).
     *
     * @param url an http:// URL
     * @return the download
     * @throws DownloadException naming the URL and what went wrong
     * @throws CancellationException if the calling thread is interrupted (the request is aborted)
     */
    public Download downloadBlocking(String url) {
        CompletableFuture<Download> f = downloadAsync(url);
        try {
            return f.get();
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while downloading " + url);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new DownloadException(url, Reason.IO, 0, String.valueOf(e.getCause()), e.getCause());
        }
    }

    /**
     * Starts downloading {@code url}; the future completes with the download or with a
     * {@link DownloadException}. Cancelling the future aborts the request.
     *
     * @param url an http:// URL
     * @return the future download
     */
    public CompletableFuture<Download> downloadAsync(String url) {
        Objects.requireNonNull(url, "url");
        CompletableFuture<Download> result = new CompletableFuture<>();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(parse(url)).timeout(timeout).GET().build();
        } catch (DownloadException e) {
            result.completeExceptionally(e);
            return result;
        }
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<byte[]>> sent;
        try {
            sent = client.sendAsync(request, info -> new LimitedBody(info, maxBytes));
        } catch (IllegalStateException | IllegalArgumentException e) {
            result.completeExceptionally(new DownloadException(url, Reason.IO, 0, e.getMessage(), e));
            return result;
        }
        sent.whenComplete((response, failure) -> {
            if (failure != null) {
                result.completeExceptionally(translate(url, failure, timeout));
                return;
            }
            int status = response.statusCode();
            byte[] body = response.body();
            if (status / 100 != 2) {
                result.completeExceptionally(new DownloadException(url, Reason.HTTP_STATUS, status,
                        "HTTP " + status + " " + statusText(status), null));
                return;
            }
            result.complete(new Download(url, status, body.length, Duration.ofNanos(System.nanoTime() - start), start,
                    new String(body, StandardCharsets.UTF_8)));
        });
        result.whenComplete((v, e) -> {
            if (result.isCancelled()) {
                sent.cancel(true);
            }
        });
        return result;
    }

    /** Aborts what is still in flight and ends the client's threads before returning. */
    @Override
    public void close() {
        client.shutdownNow();
        try {
            boolean ended = client.awaitTermination(Duration.ofSeconds(5));
            executor.shutdownNow();
            ended &= executor.awaitTermination(5, TimeUnit.SECONDS);
            if (!ended) {
                throw new IllegalStateException("the downloader's threads did not end within 5 s");
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ helpers

    private static URI parse(String url) {
        return parse(url, "https", "malformed URL: it must start with http:// or https://");
    }

    /**
     * Parses {@code url} for a download: a URI with a host, whose scheme is {@code http} or
     * {@code alsoScheme} (null: http only); otherwise a {@link DownloadException} naming the URL,
     * with {@code schemeMessage} when only the scheme is wrong.
     */
    static URI parse(String url, String alsoScheme, String schemeMessage) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new DownloadException(url, Reason.MALFORMED_URL, 0, "malformed URL: " + e.getMessage(), e);
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase(alsoScheme))) {
            throw new DownloadException(url, Reason.MALFORMED_URL, 0, schemeMessage, null);
        }
        if (uri.getHost() == null) {
            throw new DownloadException(url, Reason.MALFORMED_URL, 0, "malformed URL: no host name", null);
        }
        return uri;
    }

    static DownloadException translate(String url, Throwable failure, Duration timeout) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof DownloadException d) {
            return d;
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof TooLarge big) {
                return new DownloadException(url, Reason.TOO_LARGE, 0, big.getMessage(), t);
            }
            if (c instanceof HttpTimeoutException) {
                return new DownloadException(url, Reason.TIMEOUT, 0, "timeout: no answer within " + asynccourse.trace.Seconds.format(timeout) + " s", t);
            }
            if (c instanceof UnresolvedAddressException || c instanceof UnknownHostException) {
                return new DownloadException(url, Reason.UNKNOWN_HOST, 0,
                        "unknown host '" + URI.create(url).getHost() + "'", t);
            }
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ConnectException) {
                URI u = URI.create(url);
                return new DownloadException(url, Reason.CONNECTION_REFUSED, 0,
                        "connection refused: nothing listens at " + u.getHost() + ":" + port(u), t);
            }
        }
        String msg = String.valueOf(t.getMessage());
        if (t instanceof IOException && (msg.contains("EOF") || msg.contains("content-length") || msg.contains("closed"))) {
            return new DownloadException(url, Reason.CONNECTION_CLOSED, 0,
                    "the connection closed before the whole body arrived (" + msg + ")", t);
        }
        return new DownloadException(url, Reason.IO, 0, t.getClass().getSimpleName() + ": " + msg, t);
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    private static String statusText(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> "";
        };
    }

    /** Signals a body over the limit inside the client; {@link #translate} turns it into TOO_LARGE. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message);
        }
    }

    /** Collects the body, failing as soon as it exceeds the limit (announced or received). */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        private final long maxBytes;
        private final long announced;
        private Flow.Subscription subscription;

        LimitedBody(HttpResponse.ResponseInfo info, long maxBytes) {
            this.maxBytes = maxBytes;
            this.announced = info.headers().firstValueAsLong("content-length").orElse(-1);
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (announced > maxBytes) {
                s.cancel();
                body.completeExceptionally(new TooLarge("body too large: the server announced " + announced
                        + " bytes, the limit is " + maxBytes));
                return;
            }
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (body.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                if ((long) bytes.size() + b.remaining() > maxBytes) {
                    subscription.cancel();
                    body.completeExceptionally(new TooLarge("body too large: over the limit of " + maxBytes + " bytes"));
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                bytes.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable t) {
            body.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            body.complete(bytes.toByteArray());
        }
    }
}
