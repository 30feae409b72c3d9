package asynccourse.books;

import asynccourse.KernelOptions;
import asynccourse.parallel.CpuTime;
import asynccourse.trace.Lanes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Books to read, where reading is CPU work: each page is hashed (SHA-256) a number of times,
 * chosen by {@link #calibrated} so that a book takes about the time asked for on this machine.
 * Four ways to read them, each measured and drawn ({@link Reading}):
 *
 * <ul>
 *   <li>{@link #oneAfterAnother} — one thread reads book 1, then book 2.</li>
 *   <li>{@link #threadsOnOneCore} — one thread per book, but a single core between them: the
 *       readers are virtual threads on the JVM's one carrier thread
 *       ({@code -Djdk.virtualThreadScheduler.parallelism=1}, as in the course kernel). A
 *       virtual thread keeps its carrier until it blocks or yields, so each reader yields after
 *       every page, as an operating system switches threads at the end of a time slice.</li>
 *   <li>{@link #onCores} — one platform thread per book; the operating system spreads them
 *       over the cores.</li>
 *   <li>{@link #overlapSlowRead} — on the one carrier: one thread waits for a slow disk while
 *       the other reads a book.</li>
 * </ul>
 *
 * <p>CPU time ({@link Reading#cpu()}): the reading threads' own for the platform-thread demos;
 * for the demos on the one carrier, the whole JVM's during the run (the reading, plus a little
 * of the JVM's own housekeeping), since the JVM does not report a virtual thread's CPU time.
 *
 * <p>Invariants: every way computes the same digest for a book. Threading: an instance is
 * immutable and may be shared; each demo runs its readers and returns when all are done.
 * Cancellation: an interrupt of the calling thread ends the wait for the readers with
 * {@link IllegalStateException}. Nulls: not accepted.
 *
 * <pre>{@code
 * Books books = Books.calibrated(Duration.ofMillis(400), 20);
 * Reading one = books.oneAfterAnother(2);     // about 0.8 s
 * Reading two = books.onCores(2);             // about 0.4 s on two free cores
 * show(two.timeline());
 * }</pre>
 */
public final class Books {
    /** Bytes per page. */
    public static final int PAGE_BYTES = 4096;
    private static final String PARALLELISM = "jdk.virtualThreadScheduler.parallelism";

    private final int pages;
    private final int roundsPerPage;

    private Books(int pages, int roundsPerPage) {
        this.pages = pages;
        this.roundsPerPage = roundsPerPage;
    }

    /**
     * Books of {@code pages} pages, each page worth {@code roundsPerPage} hashes (tests use this
     * for small, exact workloads).
     *
     * @param pages pages per book, at least 1
     * @param roundsPerPage hashes per page, at least 1
     * @return the books
     * @throws IllegalArgumentException when either is below 1
     */
    public static Books of(int pages, int roundsPerPage) {
        if (pages < 1 || roundsPerPage < 1) {
            throw new IllegalArgumentException("pages and rounds per page must be at least 1, got " + pages
                    + " and " + roundsPerPage);
        }
        return new Books(pages, roundsPerPage);
    }

    /**
     * Measures this machine's hashing speed (after a warm-up, so the JIT has compiled it; in CPU
     * time of the calling thread where the JVM reports it, so a busy machine gives the same
     * books) and returns books that take about {@code perBook} each on one free core.
     *
     * @param perBook the time one book should take, at least 1 ms
     * @param pages pages per book
     * @return the books
     * @throws IllegalArgumentException when perBook is under 1 ms or pages is below 1
     */
    public static Books calibrated(Duration perBook, int pages) {
        if (perBook.compareTo(Duration.ofMillis(1)) < 0 || pages < 1) {
            throw new IllegalArgumentException("a book takes at least 1 ms and has at least 1 page, got " + perBook
                    + " and " + pages + " pages");
        }
        byte[] page = pageText(0, 0);
        MessageDigest md = sha256();
        byte[] h = new byte[32];
        for (int i = 0; i < 3000; i++) {
            h = round(md, page, h);
        }
        int n = 2000;
        long best = Long.MAX_VALUE;
        for (int trial = 0; trial < 3; trial++) {
            // CPU time where the JVM can tell: other programs' load then does not shrink the books
            boolean cpu = CpuTime.threadNanos(Thread.currentThread()) >= 0;
            long t0 = cpu ? CpuTime.threadNanos(Thread.currentThread()) : System.nanoTime();
            for (int i = 0; i < n; i++) {
                h = round(md, page, h);
            }
            best = Math.min(best, (cpu ? CpuTime.threadNanos(Thread.currentThread()) : System.nanoTime()) - t0);
        }
        double nanosPerRound = Math.max(1.0, (double) best / n);
        int rounds = (int) Math.max(1, Math.round(perBook.toNanos() / (double) pages / nanosPerRound));
        return new Books(pages, rounds);
    }

    /**
     * Returns pages per book.
     *
     * @return the count
     */
    public int pages() {
        return pages;
    }

    /**
     * Returns hashes per page.
     *
     * @return the count
     */
    public int roundsPerPage() {
        return roundsPerPage;
    }

    /**
     * Reads one whole book on the calling thread, without recording.
     *
     * @param book the book's number, from 1
     * @return its digest (hex)
     */
    public String read(int book) {
        MessageDigest md = sha256();
        byte[] h = new byte[32];
        for (int p = 0; p < pages; p++) {
            h = readPage(md, book, p, h);
        }
        return HexFormat.of().formatHex(h);
    }

    /**
     * One thread reads the books one after another. Lanes: {@code "main · book N"}.
     *
     * @param books how many books, at least 1
     * @return what happened
     */
    public Reading oneAfterAnother(int books) {
        requireBooks(books);
        Lanes lanes = new Lanes();
        List<String> digests = new ArrayList<>();
        long cpu0 = CpuTime.threadNanos(Thread.currentThread());
        long t0 = System.nanoTime();
        for (int b = 1; b <= books; b++) {
            String lane = "main · book " + b;
            lanes.running(lane);
            digests.add(read(b));
            lanes.done(lane);
        }
        long wall = System.nanoTime() - t0;
        long cpu1 = CpuTime.threadNanos(Thread.currentThread());
        return new Reading(books + " books, one after another, one thread", Duration.ofNanos(wall),
                lanes.timeline(), digests, cpu0 < 0 || cpu1 < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(cpu1 - cpu0)));
    }

    /**
     * One virtual thread per book, all on the JVM's single carrier thread: one core. Each reader
     * yields after every page, so the books are read in turns. Lanes:
     * {@code "thread N · book N"}, running while hashing, waiting for "the core" otherwise.
     *
     * @param books how many books, at least 1
     * @return what happened
     * @throws IllegalStateException when the JVM was not started with
     *     {@code -Djdk.virtualThreadScheduler.parallelism=1}
     */
    public Reading threadsOnOneCore(int books) {
        requireBooks(books);
        requireOneCarrier();
        Lanes lanes = new Lanes();
        long p0 = CpuTime.processNanos();
        long t0 = System.nanoTime();
        List<String> digests;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            digests = readAll(pool, books, b -> {
                String lane = "thread " + b + " · book " + b;
                MessageDigest md = sha256();
                byte[] h = new byte[32];
                lanes.running(lane);
                for (int p = 0; p < pages; p++) {
                    h = readPage(md, b, p, h);
                    if (p + 1 < pages) {
                        lanes.waiting(lane, "the core");
                        Thread.yield(); // the other reader's turn
                        lanes.running(lane);
                    }
                }
                lanes.done(lane);
                return HexFormat.of().formatHex(h);
            });
        }
        long wall = System.nanoTime() - t0;
        return new Reading(books + " books, " + books + " threads, one core", Duration.ofNanos(wall),
                lanes.timeline(), digests, cpuSince(p0));
    }

    /**
     * One platform thread per book, started together; the operating system runs them on as
     * many cores as it has free. Lanes: {@code "thread N · book N"}.
     *
     * @param books how many books, at least 1
     * @return what happened
     */
    public Reading onCores(int books) {
        requireBooks(books);
        Lanes lanes = new Lanes();
        long t0 = System.nanoTime();
        List<String> digests;
        AtomicLong cpu = new AtomicLong();
        AtomicBoolean cpuKnown = new AtomicBoolean(true);
        try (ExecutorService pool = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().factory())) {
            digests = readAll(pool, books, b -> {
                long c0 = CpuTime.threadNanos(Thread.currentThread());
                String d = lanes.call("thread " + b + " · book " + b, () -> read(b));
                long c1 = CpuTime.threadNanos(Thread.currentThread());
                if (c0 < 0 || c1 < 0) {
                    cpuKnown.set(false);
                }
                cpu.addAndGet(c1 - c0);
                return d;
            });
        }
        return new Reading(books + " books, " + books + " threads, up to "
                + Math.min(books, Runtime.getRuntime().availableProcessors()) + " cores",
                Duration.ofNanos(System.nanoTime() - t0), lanes.timeline(), digests,
                cpuKnown.get() ? Optional.of(Duration.ofNanos(cpu.get())) : Optional.empty());
    }

    /**
     * On the one carrier thread (one core): a virtual thread waits {@code readTime} for a slow
     * disk (simulated by sleeping, which frees the core, as waiting for a real device does)
     * while another reads book 1. Lanes: {@code "thread 1 · disk read"} (waiting on "disk"),
     * {@code "thread 2 · book 1"}.
     *
     * @param readTime how long the disk takes
     * @return what happened; digests holds book 1's
     * @throws IllegalStateException when the JVM was not started with
     *     {@code -Djdk.virtualThreadScheduler.parallelism=1}
     */
    public Reading overlapSlowRead(Duration readTime) {
        requireOneCarrier();
        Lanes lanes = new Lanes();
        long p0 = CpuTime.processNanos();
        long t0 = System.nanoTime();
        List<String> digests;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> disk = pool.submit(() -> {
                String lane = "thread 1 · disk read";
                lanes.waiting(lane, "disk");
                Thread.sleep(readTime);
                lanes.done(lane);
                return null;
            });
            Future<String> book = pool.submit(() -> lanes.call("thread 2 · book 1", () -> read(1)));
            digests = List.of(get(book));
            get(disk);
        }
        long wall = System.nanoTime() - t0;
        return new Reading("one core: a slow disk read and book 1 at once", Duration.ofNanos(wall),
                lanes.timeline(), digests, cpuSince(p0));
    }

    /**
     * Runs each demo {@code runs} times, taking turns (demo 1, demo 2, ..., demo 1, ...), and
     * keeps each demo's fastest run: on a busy machine the fastest run is the one least
     * disturbed by others, and taking turns exposes every demo to the same changes in load.
     *
     * @param runs runs per demo, at least 1
     * @param demos the demos, e.g. {@code () -> books.oneAfterAnother(2)}
     * @return the fastest run of each demo, in the order given
     */
    @SafeVarargs
    public static List<Reading> fastest(int runs, java.util.function.Supplier<Reading>... demos) {
        if (runs < 1) {
            throw new IllegalArgumentException("at least one run, got " + runs);
        }
        Reading[] best = new Reading[demos.length];
        for (int r = 0; r < runs; r++) {
            for (int i = 0; i < demos.length; i++) {
                Reading x = demos[i].get();
                if (best[i] == null || x.elapsed().compareTo(best[i].elapsed()) < 0) {
                    best[i] = x;
                }
            }
        }
        return List.of(best);
    }

    // ------------------------------------------------------------------ internals

    private interface Reader {
        String read(int book) throws Exception;
    }

    private static List<String> readAll(ExecutorService pool, int books, Reader reader) {
        List<Future<String>> fs = new ArrayList<>();
        for (int b = 1; b <= books; b++) {
            int book = b;
            fs.add(pool.submit(() -> reader.read(book)));
        }
        List<String> out = new ArrayList<>();
        for (Future<String> f : fs) {
            out.add(get(f));
        }
        return out;
    }

    private static <T> T get(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the readers", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a reader failed: " + e.getCause(), e.getCause());
        }
    }

    private static Optional<Duration> cpuSince(long p0) {
        long p1 = CpuTime.processNanos();
        return p0 < 0 || p1 < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(p1 - p0));
    }

    private static void requireBooks(int books) {
        if (books < 1) {
            throw new IllegalArgumentException("at least one book, got " + books);
        }
    }

    private byte[] readPage(MessageDigest md, int book, int page, byte[] h) {
        byte[] text = pageText(book, page);
        for (int r = 0; r < roundsPerPage; r++) {
            h = round(md, text, h);
        }
        return h;
    }

    private static byte[] round(MessageDigest md, byte[] text, byte[] h) {
        md.update(h);
        md.update(text);
        return md.digest();
    }

    private static byte[] pageText(int book, int page) {
        byte[] text = new byte[PAGE_BYTES];
        byte[] line = ("book " + book + ", page " + page + ". ").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < text.length; i++) {
            text[i] = line[i % line.length];
        }
        return text;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    @Override
    public String toString() {
        return "Books[" + pages + " pages, " + roundsPerPage + " hashes a page]";
    }

    /** Fails unless virtual threads have one carrier, as in the course kernel ({@link KernelOptions#carrier()}). */
    private static void requireOneCarrier() {
        if (!"1".equals(System.getProperty(PARALLELISM))) {
            throw new IllegalStateException("reading on one core needs a JVM started with " + KernelOptions.carrier()
                    + " (the course kernel and ./course bench have it; this JVM has "
                    + System.getProperty(PARALLELISM, "the default, one carrier per core") + ")");
        }
    }
}
