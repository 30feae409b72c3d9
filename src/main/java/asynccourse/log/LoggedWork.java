package asynccourse.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * "The main program runs a little faster": a loop that does a little work per step and logs
 * each step, timed with the {@link SyncLogger} (the loop waits for every write) and with the
 * {@link FireAndForgetLogger} (it does not).
 *
 * <p>Threading: each call runs its loop on the calling thread (the fire-and-forget logger adds
 * its writer thread). Cancellation: not applicable. Nulls: the file must not be null.
 *
 * <pre>{@code
 * Duration slow = Duration.ofMillis(2);   // every write to the disk takes 2 ms
 * LoggedWork.Run sync = LoggedWork.withSyncLogger(dir.resolve("a.log"), 200, 500, slow);
 * LoggedWork.Run fire = LoggedWork.withFireAndForget(dir.resolve("b.log"), 200, 500, slow);
 * // fire.loop() is shorter; both files hold 200 lines once fire.closing() is over
 * }</pre>
 */
public final class LoggedWork {
    private LoggedWork() {}

    /**
     * One timed run.
     *
     * @param loop the time of the loop itself (work + log calls)
     * @param closing the time {@code close()} took afterwards (the writer finishing its queue)
     * @param linesInFile lines in the file afterwards
     */
    public record Run(Duration loop, Duration closing, long linesInFile) {}

    /**
     * Runs the loop, logging each step with a {@link SyncLogger} on {@code file} (truncated first).
     *
     * @param file the log file
     * @param steps how many steps
     * @param workRounds rounds of hashing per step, the step's work
     * @param perWrite how long the disk takes per write ({@link SyncLogger#open(Path, Duration)})
     * @return the timings
     * @throws IOException when the file cannot be written
     */
    public static Run withSyncLogger(Path file, int steps, int workRounds, Duration perWrite) throws IOException {
        Files.deleteIfExists(file);
        long t0;
        long t1;
        try (SyncLogger log = SyncLogger.open(file, perWrite)) {
            t0 = System.nanoTime();
            long acc = 0;
            for (int i = 0; i < steps; i++) {
                acc += work(i, workRounds);
                log.log("step " + i + " done, checksum " + acc);
            }
            t1 = System.nanoTime();
        }
        long t2 = System.nanoTime();
        return new Run(Duration.ofNanos(t1 - t0), Duration.ofNanos(t2 - t1), lines(file));
    }

    /**
     * Runs the loop, logging each step with a {@link FireAndForgetLogger} on {@code file}
     * (truncated first; queue large enough for every line), then closes the logger.
     *
     * @param file the log file
     * @param steps how many steps
     * @param workRounds rounds of hashing per step, the step's work
     * @param perWrite how long the disk takes per write ({@link FireAndForgetLogger.Builder#slowDisk})
     * @return the timings
     * @throws IOException when the file cannot be read back
     */
    public static Run withFireAndForget(Path file, int steps, int workRounds, Duration perWrite) throws IOException {
        Files.deleteIfExists(file);
        FireAndForgetLogger log = FireAndForgetLogger.to(file).capacity(Math.max(1, steps)).slowDisk(perWrite).open();
        long t0 = System.nanoTime();
        long acc = 0;
        for (int i = 0; i < steps; i++) {
            acc += work(i, workRounds);
            log.log("step " + i + " done, checksum " + acc);
        }
        long t1 = System.nanoTime();
        log.close(Duration.ofSeconds(60));
        long t2 = System.nanoTime();
        return new Run(Duration.ofNanos(t1 - t0), Duration.ofNanos(t2 - t1), lines(file));
    }

    private static long lines(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        try (var s = Files.lines(file)) {
            return s.count();
        }
    }

    /** A step's work: a small integer hash, {@code rounds} times over 64 values. */
    static long work(int step, int rounds) {
        long h = step * 0x9E3779B97F4A7C15L;
        for (int r = 0; r < rounds * 64; r++) {
            h ^= h >>> 33;
            h *= 0xff51afd7ed558ccdL;
            h ^= h >>> 29;
        }
        return h & 0xff;
    }
}
