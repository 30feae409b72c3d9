package asynccourse.net;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A small web on the loopback interface to download from: {@link Site}s whose pages answer
 * after a set latency with a set size and deterministic content, and {@link Fault} pages that
 * go wrong in the ways real servers do. Nothing leaves the machine: it listens on 127.0.0.1 on
 * a free port.
 *
 * <p>Paths: page {@code i} of a site is {@code /site/NAME/i}; the fault pages are at
 * {@link Fault#path()}; anything else is 404. The server waits out a page's latency on a timer,
 * not in a sleeping thread, so a thousand requests in flight cost a thousand timer entries. It
 * counts the requests it received and the most it held at once (received, not yet answered).
 *
 * <p>It sets TCP_NODELAY on every connection (the JDK server's {@code sun.net.httpserver.nodelay}
 * property, set by this class unless already set before the JDK server is first used). Without
 * it a body that goes out in a write of its own after the headers (beyond the server's 8 kB
 * buffer) waits for the client's delayed acknowledgement: about 40 ms per request on Linux.
 *
 * <p>Threading: thread-safe; requests are handled on the server's own threads (a dispatcher, a
 * timer, four workers), all ended by {@link #close()}, which drops requests still waiting.
 * Cancellation: not applicable. Nulls: arguments must not be null.
 *
 * <pre>{@code
 * Site news = new Site("news", 4, Duration.ofMillis(500), 2_000);
 * try (PageServer server = PageServer.start(news)) {
 *     String url = server.url(news, 0);          // http://127.0.0.1:PORT/site/news/0
 *     ... download it ...
 *     server.requests();                          // 1
 * }
 * }</pre>
 */
public final class PageServer implements AutoCloseable {
    /** The system property of the JDK's server that sets TCP_NODELAY on accepted connections. */
    public static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

    /** How many bytes {@link Fault#OVERSIZED} sends: 16 MiB. */
    public static final int OVERSIZED_BYTES = 16 << 20;

    /** How many bytes {@link Fault#CLOSED_MID_BODY} announces, and how many it sends. */
    static final int ANNOUNCED = 10_000, SENT_BEFORE_CLOSE = 1_000;

    static {
        if (System.getProperty(NODELAY_PROPERTY) == null) {
            System.setProperty(NODELAY_PROPERTY, "true");
        }
    }

    private static final Duration TOO_SLOW = Duration.ofHours(1);
    private static final AtomicInteger SERVERS = new AtomicInteger();

    private final HttpServer server;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final Map<String, Site> sites = new ConcurrentHashMap<>();
    private final LongAdder requests = new LongAdder();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicLong bytesSent = new AtomicLong();
    private final String base;

    private PageServer(Site[] initial) throws IOException {
        int n = SERVERS.incrementAndGet();
        workers = Executors.newFixedThreadPool(4, daemon("page-server-" + n + "-worker"));
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, daemon("page-server-" + n + "-timer"));
        t.setRemoveOnCancelPolicy(true);
        timer = t;
        for (Site s : initial) {
            add(s);
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 2048);
        server.setExecutor(workers);
        server.createContext("/", this::handle);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Starts a server on 127.0.0.1 on a free port with the given sites.
     *
     * @param sites the sites it serves (more can be {@link #add}ed)
     * @return the running server; close it when done
     * @throws UncheckedIOException if the port cannot be opened
     */
    public static PageServer start(Site... sites) {
        Objects.requireNonNull(sites, "sites");
        try {
            return new PageServer(sites.clone());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the page server on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    /**
     * Adds a site (or replaces the one of the same name).
     *
     * @param site the site
     */
    public void add(Site site) {
        Objects.requireNonNull(site, "site");
        sites.put(site.name(), site);
    }

    /**
     * The URL of page {@code i} of {@code site}.
     *
     * @param site a site of this server
     * @param i the page number
     * @return {@code http://127.0.0.1:PORT/site/NAME/i}
     * @throws IllegalArgumentException if the site is not served here
     */
    public String url(Site site, int i) {
        Objects.requireNonNull(site, "site");
        if (!site.equals(sites.get(site.name()))) {
            throw new IllegalArgumentException("site '" + site.name() + "' is not served here: add it first (server.add(site))");
        }
        return base + site.path(i);
    }

    /**
     * The URL of a fault page.
     *
     * @param fault the fault
     * @return its URL on this server
     */
    public String url(Fault fault) {
        return base + fault.path();
    }

    /**
     * The URL of any path on this server.
     *
     * @param path starting with '/'
     * @return {@code http://127.0.0.1:PORT} + path
     */
    public String url(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a path starts with '/': " + path);
        }
        return base + path;
    }

    /**
     * The port the server listens on.
     *
     * @return the port
     */
    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Requests received since the start or the last {@link #resetCounts()}.
     *
     * @return the count
     */
    public long requests() {
        return requests.sum();
    }

    /**
     * The most requests held at once (received and not yet answered) since the start or the
     * last {@link #resetCounts()}. A request raises {@link #inFlight()} first and the peak a moment
     * later, so while requests arrive the peak can briefly read lower than the count: to wait for
     * requests to be held, wait for the peak.
     *
     * @return the peak
     */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    /**
     * Requests received and not yet answered right now.
     *
     * @return the count
     */
    public int inFlight() {
        return inFlight.get();
    }

    /**
     * Body bytes written since the start or the last {@link #resetCounts()}.
     *
     * @return the count
     */
    public long bytesSent() {
        return bytesSent.get();
    }

    /** Sets the request count and the peak back to zero (the peak to what is in flight now). */
    public void resetCounts() {
        requests.reset();
        bytesSent.set(0);
        maxInFlight.set(inFlight.get());
    }

    /** Stops listening, closes every connection, drops what is still waiting and ends all threads. */
    @Override
    public void close() {
        server.stop(0);
        timer.shutdownNow();
        workers.shutdownNow();
        try {
            if (!timer.awaitTermination(5, TimeUnit.SECONDS) || !workers.awaitTermination(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("page server: worker threads did not end within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "PageServer[" + base + ", sites " + sites.keySet() + ", " + requests() + " requests]";
    }

    // ------------------------------------------------------------------ handling

    private void handle(HttpExchange ex) {
        requests.increment();
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            if (!"GET".equals(ex.getRequestMethod())) {
                finish(ex, () -> ex.sendResponseHeaders(405, -1));
                return;
            }
            String[] parts = ex.getRequestURI().getPath().split("/");
            if (parts.length == 4 && parts[1].equals("site")) {
                Site site = sites.get(parts[2]);
                int page = parsePage(parts[3]);
                if (site != null && page >= 0 && page < site.pages()) {
                    byte[] body = site.body(page).getBytes(StandardCharsets.US_ASCII);
                    later(site.latency(), ex, () -> send(ex, 200, body));
                    return;
                }
            } else if (parts.length == 3 && parts[1].equals("fault")) {
                Fault fault = Arrays.stream(Fault.values()).filter(f -> f.path().equals("/fault/" + parts[2])).findFirst().orElse(null);
                if (fault != null) {
                    switch (fault) {
                        case NOT_FOUND -> later(Duration.ZERO, ex, () -> send(ex, 404, text("no such page (a fault page)")));
                        case SERVER_ERROR -> later(Duration.ZERO, ex, () -> send(ex, 500, text("the server failed (a fault page)")));
                        case TOO_SLOW -> later(TOO_SLOW, ex, () -> send(ex, 200, text("finally")));
                        case CLOSED_MID_BODY -> later(Duration.ZERO, ex, () -> closeMidBody(ex));
                        case OVERSIZED -> later(Duration.ZERO, ex, () -> oversized(ex));
                    }
                    return;
                }
            }
            later(Duration.ZERO, ex, () -> send(ex, 404, text("no such page: " + ex.getRequestURI().getPath())));
        } catch (RuntimeException e) {
            finish(ex, () -> ex.sendResponseHeaders(500, -1));
        }
    }

    private static int parsePage(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static byte[] text(String s) {
        return (s + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    private interface Response {
        void write() throws IOException;
    }

    /** Answers after {@code delay}: the timer wakes up, a worker writes. */
    private void later(Duration delay, HttpExchange ex, Response response) {
        if (delay.isZero()) {
            finish(ex, response);
            return;
        }
        try {
            timer.schedule(() -> workers.execute(() -> finish(ex, response)), delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            inFlight.decrementAndGet();
            ex.close();
        }
    }

    private void finish(HttpExchange ex, Response response) {
        // answered from now on: counted down before the first byte goes out, so a client that
        // sends its next request after this answer is never counted together with this one
        inFlight.decrementAndGet();
        try {
            response.write();
        } catch (IOException | RuntimeException e) {
            // the client went away (it gave up, or hit its size limit): nothing to tell anyone
        } finally {
            ex.close();
        }
    }

    private void send(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", status == 200 ? "text/html; charset=us-ascii" : "text/plain; charset=us-ascii");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(body);
        }
        bytesSent.addAndGet(body.length);
    }

    private void closeMidBody(HttpExchange ex) throws IOException {
        ex.sendResponseHeaders(200, ANNOUNCED);
        OutputStream os = ex.getResponseBody();
        os.write(new byte[SENT_BEFORE_CLOSE]);
        os.flush();
        bytesSent.addAndGet(SENT_BEFORE_CLOSE);
        ex.close(); // too few bytes written: the JDK server closes the connection
    }

    private void oversized(HttpExchange ex) throws IOException {
        ex.sendResponseHeaders(200, 0); // chunked: the client cannot know the size in advance
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        try (OutputStream os = ex.getResponseBody()) {
            for (int sent = 0; sent < OVERSIZED_BYTES; sent += chunk.length) {
                os.write(chunk);
                bytesSent.addAndGet(chunk.length);
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
