package asynccourse.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A logger that does not wait: {@link #log} puts the line in a bounded queue and returns;
 * one background writer thread takes the lines out in batches and appends them to the file.
 * When the disk fails (full, read-only, folder gone) the logger stops writing, reports the
 * fault once, and the program carries on.
 *
 * <p>Invariants:
 * <ul>
 *   <li>{@code log} never blocks on the disk and never throws: not when the queue is full, not
 *       after a fault, not after {@link #close}. With {@link WhenFull#WAIT} it may wait for
 *       room in the queue; the other policies never wait.</li>
 *   <li>One writer, in order: the file holds a prefix of the lines that reached the writer,
 *       whole lines only (after a partial write the file is cut back to the last whole line
 *       when the file system allows it).</li>
 *   <li>The first I/O error stops all writing. The fault handler gets one line naming the file,
 *       the error and how many lines made it; later lines are counted as dropped.</li>
 *   <li>Every accepted line is counted once, as written or dropped ({@link LogStats}); after
 *       {@code close()} returns, {@code written + dropped == accepted}.</li>
 *   <li>{@code close(limit)} returns within about {@code limit}, even if the disk hangs: what
 *       could not be written by then counts as dropped.</li>
 * </ul>
 *
 * <p>Threading: {@code log}, {@code stats} and {@code close} may be called from any thread,
 * a coroutine on the event loop included (with the default policy the call never waits, so it
 * never stalls the loop). The writer is a daemon thread: a program that ends without
 * {@code close()} loses what was still queued, so close the logger (try-with-resources) before
 * the program ends. Cancellation: not applicable; interrupting a caller that waits under
 * {@code WAIT} drops its line and keeps the interrupt flag. Nulls: {@code log(null)} logs
 * {@code "null"}, as {@code println} does; builder arguments must not be null.
 *
 * <pre>{@code
 * try (FireAndForgetLogger log = FireAndForgetLogger.open(Path.of("app.log"))) {
 *     for (int i = 0; i < 1000; i++) {
 *         log.log("step " + i);      // returns at once
 *     }
 * }                                  // close(): drains within 2 s
 * }</pre>
 */
public final class FireAndForgetLogger implements AutoCloseable {
    /** The default queue capacity, in lines. */
    public static final int DEFAULT_CAPACITY = 8192;
    /** The default maximum number of lines per write. */
    public static final int DEFAULT_BATCH = 512;
    /** The default time {@link #close()} gives the writer to drain the queue. */
    public static final Duration DEFAULT_CLOSE_LIMIT = Duration.ofSeconds(2);

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final Path file;
    private final ArrayBlockingQueue<String> queue;
    private final WhenFull whenFull;
    private final int batchSize;
    private final Consumer<String> onFault;
    private final Duration closeLimit;
    private final Duration writeDelay;
    private final Thread writer;

    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Object countLock = new Object();
    private volatile long written;      // written under countLock
    private int inFlight;               // guarded by countLock: lines of the batch being written
    private boolean abandoned;          // guarded by countLock: close gave up waiting for the writer
    private volatile boolean closed;
    private volatile boolean drained;   // the writer has finished; no line in the queue will be written
    private volatile String fault;
    private final CountDownLatch finished = new CountDownLatch(1);
    private SeekableByteChannel channel; // writer thread only (and close, after abandoning)
    private long goodSize;               // writer thread only: file size at the end of the last whole line

    private FireAndForgetLogger(Builder b) {
        this.file = b.file;
        this.queue = new ArrayBlockingQueue<>(b.capacity);
        this.whenFull = b.whenFull;
        this.batchSize = b.batchSize;
        this.onFault = b.onFault;
        this.closeLimit = b.closeLimit;
        this.writeDelay = b.writeDelay;
        this.writer = b.threadFactory.newThread(this::writeLoop);
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Opens a logger on {@code file} with the defaults: capacity {@value #DEFAULT_CAPACITY},
     * {@link WhenFull#DROP_NEWEST}, faults reported on {@code System.err}. Lines are appended;
     * the file is opened by the writer, so a bad path is reported as a fault, not thrown here.
     *
     * @param file the log file (any file system: the default one, or a {@link SmallDisk})
     * @return a running logger
     */
    public static FireAndForgetLogger open(Path file) {
        return to(file).open();
    }

    /**
     * Starts configuring a logger on {@code file}.
     *
     * @param file the log file
     * @return a builder with the defaults
     */
    public static Builder to(Path file) {
        return new Builder(file);
    }

    /**
     * Hands a line to the writer and returns at once. Never throws, never waits for the disk.
     *
     * @param line the line, without a line separator ({@code null} logs "null")
     */
    public void log(String line) {
        accepted.incrementAndGet();
        String s = String.valueOf(line);
        if (closed) {
            dropped.incrementAndGet();
            return;
        }
        switch (whenFull) {
            case DROP_NEWEST -> {
                if (!queue.offer(s)) {
                    dropped.incrementAndGet();
                    return;
                }
            }
            case DROP_OLDEST -> {
                while (!queue.offer(s)) {
                    if (queue.poll() != null) {
                        dropped.incrementAndGet();
                    }
                }
            }
            case WAIT -> {
                if (!offerWaiting(s)) {
                    dropped.incrementAndGet();
                    return;
                }
            }
        }
        if (drained && queue.remove(s)) {
            // close() finished while we were offering: nobody will write this line any more
            dropped.incrementAndGet();
        }
    }

    private boolean offerWaiting(String s) {
        try {
            while (!queue.offer(s, POLL_NANOS, TimeUnit.NANOSECONDS)) {
                if (closed) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Returns the counts now. {@code written + dropped + pending == accepted} at any time;
     * after close, pending is 0.
     *
     * @return the counts
     */
    public LogStats stats() {
        // read in this order: a line is accepted before it is written or dropped, so pending >= 0
        long w = written;
        long d = dropped.get();
        long a = accepted.get();
        return new LogStats(a, w, d);
    }

    /**
     * Returns the fault report, if writing has stopped.
     *
     * @return the one line sent to the fault handler, or empty while all is well
     */
    public Optional<String> fault() {
        return Optional.ofNullable(fault);
    }

    /**
     * Returns the file this logger writes to.
     *
     * @return the file
     */
    public Path file() {
        return file;
    }

    /**
     * Closes with the builder's limit (2 s by default). Never throws.
     */
    @Override
    public void close() {
        close(closeLimit);
    }

    /**
     * Stops accepting lines (later ones are counted as dropped), lets the writer drain the queue
     * for at most {@code limit}, then gives up on what is left (counted as dropped) and returns.
     * Never throws, never hangs; calling it again just returns the counts.
     *
     * @param limit how long to wait for the writer
     * @return the final counts: {@code written + dropped == accepted}
     */
    public LogStats close(Duration limit) {
        Objects.requireNonNull(limit, "limit");
        closed = true;
        boolean done;
        try {
            done = finished.await(Math.max(0, limit.toNanos()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done = finished.getCount() == 0;
        }
        if (!done) {
            synchronized (countLock) {
                if (!abandoned) {
                    abandoned = true;
                    dropped.addAndGet(inFlight);
                    inFlight = 0;
                }
            }
            drained = true;
            dropQueued();
        }
        return stats();
    }

    private void dropQueued() {
        List<String> rest = new ArrayList<>();
        queue.drainTo(rest);
        dropped.addAndGet(rest.size());
    }

    // ------------------------------------------------------------------ the writer

    private void writeLoop() {
        List<String> batch = new ArrayList<>(batchSize);
        try {
            while (true) {
                String first;
                try {
                    first = queue.poll(POLL_NANOS, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    first = null; // nobody should interrupt the writer; treat as a timeout
                }
                if (first == null) {
                    if (closed) {
                        break;
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
                synchronized (countLock) {
                    if (abandoned) {
                        dropped.addAndGet(batch.size());
                        batch.clear();
                        continue;
                    }
                    inFlight = batch.size();
                }
                if (fault != null) {
                    finishBatch(0, batch.size());
                } else {
                    write(batch);
                }
                batch.clear();
            }
        } catch (Throwable t) {
            // never let the writer die silently with lines uncounted
            synchronized (countLock) {
                if (!abandoned) {
                    dropped.addAndGet(inFlight);
                }
                inFlight = 0;
            }
            if (fault == null) {
                reportFault(t);
            }
        } finally {
            drained = true;
            dropQueued();
            closeChannel();
            finished.countDown();
        }
    }

    /** Counts a batch's lines, unless close() already counted them as dropped. */
    private void finishBatch(int wrote, int gaveUp) {
        synchronized (countLock) {
            if (!abandoned) {
                written += wrote;
                dropped.addAndGet(gaveUp);
            }
            inFlight = 0;
        }
    }

    private void write(List<String> batch) {
        int n = batch.size();
        byte[][] bytes = new byte[n][];
        int total = 0;
        for (int i = 0; i < n; i++) {
            bytes[i] = batch.get(i).getBytes(StandardCharsets.UTF_8);
            total += bytes[i].length + 1;
        }
        int whole = 0;
        try {
            if (channel == null) {
                channel = Files.newByteChannel(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND);
                goodSize = channel.size();
            }
            try {
                whole = writeLines(bytes, 0, n, total);
            } catch (IOException | RuntimeException batchFailed) {
                // the batch did not fit as a whole: write the rest line by line, to the last one that fits
                whole = partial;
                while (whole < n) {
                    whole += writeLines(bytes, whole, whole + 1, bytes[whole].length + 1);
                }
                throw batchFailed; // every line fitted after all (a passing fault): still stop, as promised
            }
            finishBatch(n, 0);
        } catch (IOException | RuntimeException e) {
            finishBatch(whole, n - whole);
            reportFault(e);
        }
    }

    private int partial; // writer thread only: whole lines written by the last writeLines that failed

    /**
     * Writes lines {@code from} to {@code to} (exclusive) in one go; returns how many. On failure,
     * cuts the file back to the last whole line, sets {@link #partial} to the number of whole lines
     * of this call that made it, and rethrows.
     */
    private int writeLines(byte[][] bytes, int from, int to, int size) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(size);
        for (int i = from; i < to; i++) {
            buf.put(bytes[i]).put((byte) '\n');
        }
        buf.flip();
        try {
            slowDisk(writeDelay);
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
        } catch (IOException | RuntimeException e) {
            int done = buf.position();
            int lines = 0;
            int end = 0;
            while (from + lines < to && end + bytes[from + lines].length + 1 <= done) {
                end += bytes[from + lines].length + 1;
                lines++;
            }
            if (done > end) {
                try {
                    channel.truncate(goodSize + end); // cut off the half-written line
                } catch (IOException | RuntimeException ignored) {
                    // best effort: the file may keep a partial last line
                }
            }
            goodSize += end;
            partial = lines;
            throw e;
        }
        goodSize += size;
        return to - from;
    }

    /** Waits {@code delay} before a write, as a slow disk would (a demo option; zero by default). */
    static void slowDisk(Duration delay) throws java.io.InterruptedIOException {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while the slow disk was writing");
        }
    }

    private void reportFault(Throwable e) {
        String msg = e.getMessage() == null ? "" : ": " + e.getMessage();
        String line = "log: stopped writing to " + file + " after " + written + " lines: "
                + e.getClass().getSimpleName() + msg + " (later lines are counted as dropped)";
        fault = line;
        closeChannel();
        try {
            onFault.accept(line);
        } catch (RuntimeException ignored) {
            // a broken handler must not stop the counting
        }
    }

    private void closeChannel() {
        SeekableByteChannel c = channel;
        if (c != null) {
            try {
                c.close();
            } catch (IOException | RuntimeException ignored) {
                // nothing more to write
            }
        }
    }

    @Override
    public String toString() {
        return "FireAndForgetLogger[" + file + ", " + whenFull + ", " + stats()
                + (fault != null ? ", stopped" : closed ? ", closed" : "") + "]";
    }

    /**
     * Configures a {@link FireAndForgetLogger}. Not thread-safe; {@link #open()} may be called
     * more than once (each call starts a new logger).
     */
    public static final class Builder {
        private final Path file;
        private int capacity = DEFAULT_CAPACITY;
        private WhenFull whenFull = WhenFull.DROP_NEWEST;
        private int batchSize = DEFAULT_BATCH;
        private Consumer<String> onFault = System.err::println;
        private Duration closeLimit = DEFAULT_CLOSE_LIMIT;
        private ThreadFactory threadFactory = r -> new Thread(r, "log-writer");
        private Duration writeDelay = Duration.ZERO;

        private Builder(Path file) {
            this.file = Objects.requireNonNull(file, "file");
        }

        /**
         * Sets the queue's capacity.
         *
         * @param lines at least 1
         * @return this builder
         * @throws IllegalArgumentException when below 1
         */
        public Builder capacity(int lines) {
            if (lines < 1) {
                throw new IllegalArgumentException("capacity must be at least 1 line, got " + lines);
            }
            this.capacity = lines;
            return this;
        }

        /**
         * Sets what {@code log} does when the queue is full.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder whenFull(WhenFull policy) {
            this.whenFull = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Sets the largest number of lines the writer writes at once.
         *
         * @param lines at least 1
         * @return this builder
         * @throws IllegalArgumentException when below 1
         */
        public Builder batchSize(int lines) {
            if (lines < 1) {
                throw new IllegalArgumentException("batch size must be at least 1 line, got " + lines);
            }
            this.batchSize = lines;
            return this;
        }

        /**
         * Sets who hears about the first I/O error (default: a line on {@code System.err}). It
         * is called once, on the writer thread; what it throws is ignored.
         *
         * @param handler takes the report line
         * @return this builder
         */
        public Builder onFault(Consumer<String> handler) {
            this.onFault = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * Sets how long {@link FireAndForgetLogger#close()} waits for the writer.
         *
         * @param limit not negative
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder closeLimit(Duration limit) {
            if (limit.isNegative()) {
                throw new IllegalArgumentException("close limit must not be negative, got " + limit);
            }
            this.closeLimit = limit;
            return this;
        }

        /**
         * Sets how the writer thread is made (tests hold it back to fill the queue). The thread
         * is made a daemon.
         *
         * @param factory makes the one writer thread
         * @return this builder
         */
        public Builder threadFactory(ThreadFactory factory) {
            this.threadFactory = Objects.requireNonNull(factory, "factory");
            return this;
        }

        /**
         * Makes the disk slow, for demonstrations: every write the writer makes first waits
         * {@code perWrite}, as a busy disk or a network file system makes a writer wait.
         *
         * @param perWrite zero (the default) or more
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder slowDisk(Duration perWrite) {
            if (perWrite.isNegative()) {
                throw new IllegalArgumentException("the delay per write must not be negative, got " + perWrite);
            }
            this.writeDelay = perWrite;
            return this;
        }

        /**
         * Starts the logger.
         *
         * @return a running logger
         */
        public FireAndForgetLogger open() {
            return new FireAndForgetLogger(this);
        }
    }
}
