package asynccourse.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * The caller's cost of one log call, fire-and-forget against synchronous, measured so that the
 * comparison holds on a slow or busy machine: both loggers log the same lines, every call timed
 * alone with {@link System#nanoTime()}; a run of calls is summed up by its median (a call that
 * the operating system interrupted is one slow sample, not a slower median); and the two take
 * turns, round after round, each keeping its lowest median (the first round includes the JIT
 * compiling the code). A slower processor makes both calls slower alike, so their ratio is what
 * to look at, not either figure alone.
 *
 * <p>Threading: {@link #measure} runs on the calling thread (the fire-and-forget logger adds its
 * writer thread, closed before it returns). Cancellation: not applicable. Nulls: not accepted.
 *
 * <pre>{@code
 * CallCost cost = CallCost.measure(dir, 10_000, 3);
 * System.out.println(cost);                      // the two medians and their ratio
 * boolean cheaper = cost.ratio() < 1.0 / 3;      // a fire-and-forget call: a fraction of a write
 * }</pre>
 *
 * @param fireMedian the lowest median of a {@link FireAndForgetLogger#log} call over the rounds
 * @param syncMedian the lowest median of a {@link SyncLogger#log} call over the rounds
 * @param calls calls per logger per round
 * @param rounds rounds
 */
public record CallCost(Duration fireMedian, Duration syncMedian, int calls, int rounds) {

    /**
     * Validates the figures.
     *
     * @param fireMedian not negative
     * @param syncMedian positive
     * @param calls at least 1
     * @param rounds at least 1
     */
    public CallCost {
        Objects.requireNonNull(fireMedian, "fireMedian");
        Objects.requireNonNull(syncMedian, "syncMedian");
        if (fireMedian.isNegative() || syncMedian.isNegative() || syncMedian.isZero() || calls < 1 || rounds < 1) {
            throw new IllegalArgumentException("medians must not be negative (the synchronous one positive), calls and"
                    + " rounds at least 1: " + fireMedian + ", " + syncMedian + ", " + calls + ", " + rounds);
        }
    }

    /**
     * Measures both loggers in {@code dir}: per round, {@code calls} lines to a fresh
     * fire-and-forget logger (its queue has room for all of them, so none is dropped and none
     * waits), then the same lines to a fresh {@link SyncLogger}. The files are deleted
     * afterwards.
     *
     * @param dir an existing folder for the two log files
     * @param calls lines per logger per round, at least 1
     * @param rounds rounds, at least 1
     * @return the lowest medians
     * @throws IOException when a file cannot be written or deleted
     * @throws IllegalStateException when the fire-and-forget logger did not write every line
     */
    public static CallCost measure(Path dir, int calls, int rounds) throws IOException {
        Objects.requireNonNull(dir, "dir");
        if (calls < 1 || rounds < 1) {
            throw new IllegalArgumentException("calls and rounds must be at least 1, got " + calls + " and " + rounds);
        }
        String[] lines = new String[calls];
        for (int i = 0; i < calls; i++) {
            lines[i] = "step " + i + " done";
        }
        Path fireFile = dir.resolve("call-cost-fire.log");
        Path syncFile = dir.resolve("call-cost-sync.log");
        long[] nanos = new long[calls];
        long fire = Long.MAX_VALUE;
        long sync = Long.MAX_VALUE;
        try {
            for (int r = 0; r < rounds; r++) {
                Files.deleteIfExists(fireFile);
                FireAndForgetLogger f = FireAndForgetLogger.to(fireFile).capacity(calls).open();
                for (int i = 0; i < calls; i++) {
                    long t0 = System.nanoTime();
                    f.log(lines[i]);
                    nanos[i] = System.nanoTime() - t0;
                }
                LogStats st = f.close(Duration.ofSeconds(30));
                if (st.written() != calls) {
                    throw new IllegalStateException("the fire-and-forget logger did not write every line: " + st);
                }
                fire = Math.min(fire, median(nanos));
                Files.deleteIfExists(syncFile);
                try (SyncLogger s = SyncLogger.open(syncFile)) {
                    for (int i = 0; i < calls; i++) {
                        long t0 = System.nanoTime();
                        s.log(lines[i]);
                        nanos[i] = System.nanoTime() - t0;
                    }
                }
                sync = Math.min(sync, median(nanos));
            }
        } finally {
            Files.deleteIfExists(fireFile);
            Files.deleteIfExists(syncFile);
        }
        return new CallCost(Duration.ofNanos(fire), Duration.ofNanos(Math.max(1, sync)), calls, rounds);
    }

    /**
     * The fire-and-forget median as a share of the synchronous one.
     *
     * @return {@code fireMedian / syncMedian}
     */
    public double ratio() {
        return fireMedian.toNanos() / (double) syncMedian.toNanos();
    }

    static long median(long[] xs) {
        long[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "median log() call: fire-and-forget %d ns, synchronous %d ns (%.2f of it; %,d calls each, lowest of %d rounds)",
                fireMedian.toNanos(), syncMedian.toNanos(), ratio(), calls, rounds);
    }
}
