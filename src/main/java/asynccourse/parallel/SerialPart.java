package asynccourse.parallel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A job with a serial part of known size, for Amdahl's law: first {@code serialUnits} pieces of
 * {@code fib(n)} that one thread computes alone, then {@code parallelUnits} pieces split over the
 * workers. Its designed parallel fraction is {@code parallelUnits / (serialUnits + parallelUnits)},
 * and {@link #fit} checks how well a measurement recovers it.
 *
 * <p>How it measures: every piece runs on a platform thread of its own phase (the serial part on
 * one thread, the parallel part on {@code workers} threads), and each thread's <em>time on a
 * core</em> (its CPU time) is read. The job's time on its critical path is the serial thread's
 * time plus the longest worker's: what the job takes when every thread has a core of its own,
 * which waiting for a core does not stretch. The serial part caps the speed-up, so a fit never
 * lands above the design (beyond noise); it can land below it, because time on a core still grows
 * when workers share one physical core's hardware (two vCPUs of one core) or its caches with
 * other programs: a job with no serial part measured 1.49 times faster on 2 workers here, not 2.
 * The wall time is kept too; on a busy machine it gives a smaller speed-up still. Where the JVM
 * reports no CPU time, both figures are the wall time.
 *
 * <p>Threading: immutable; {@link #run} starts its own threads and waits for them. Cancellation:
 * not supported. Nulls: not applicable.
 *
 * <pre>{@code
 * SerialPart job = new SerialPart(6, 18, 28);     // designed p = 18 / 24 = 0.75
 * SerialPart.Fit fit = job.fit(2, 3);
 * System.out.println(fit);                        // designed p = 0.75; fitted ... p = 0.74 ...
 * }</pre>
 *
 * @param serialUnits pieces computed by one thread alone, first; at least 0
 * @param parallelUnits pieces split over the workers afterwards; at least 1
 * @param n the size of each piece, fib(n), 1 to 40
 */
public record SerialPart(int serialUnits, int parallelUnits, int n) {
    /**
     * Checks the sizes.
     *
     * @param serialUnits at least 0
     * @param parallelUnits at least 1
     * @param n 1 to 40
     */
    public SerialPart {
        if (serialUnits < 0 || parallelUnits < 1) {
            throw new IllegalArgumentException("need a serial part of 0 or more pieces and a parallel part of at least 1, got "
                    + serialUnits + " and " + parallelUnits);
        }
        if (n < 1 || n > 40) {
            throw new IllegalArgumentException("choose fib(n) with n from 1 to 40, got " + n);
        }
    }

    /**
     * One run.
     *
     * @param checksum what the pieces added up to
     * @param wall how long the run took
     * @param onCore the serial thread's time on a core plus the longest worker's
     */
    public record Timing(long checksum, Duration wall, Duration onCore) {}

    /**
     * What a fit found.
     *
     * @param designed the designed parallel fraction
     * @param workers the worker count the speed-ups are for
     * @param speedUpOnCore the speed-up of the critical path on a core
     * @param fittedOnCore p solved from {@code speedUpOnCore}
     * @param speedUpWall the wall-clock speed-up
     * @param fittedWall p solved from {@code speedUpWall}
     */
    public record Fit(double designed, int workers, double speedUpOnCore, double fittedOnCore, double speedUpWall, double fittedWall) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "designed p = %.2f; with %d workers: time on a core %.2f× faster, fitted p = %.2f;"
                    + " wall clock %.2f× faster, fitted p = %.2f", designed, workers, speedUpOnCore, fittedOnCore, speedUpWall, fittedWall);
        }
    }

    /**
     * Returns the designed parallel fraction.
     *
     * @return {@code parallelUnits / (serialUnits + parallelUnits)}
     */
    public double designedParallelFraction() {
        return (double) parallelUnits / (serialUnits + parallelUnits);
    }

    /**
     * Returns the checksum every run gives.
     *
     * @return {@code (serialUnits + parallelUnits) × fib(n)}
     */
    public long expected() {
        return new CpuWork(serialUnits + parallelUnits, n).expected();
    }

    /**
     * Runs the job once: the serial part on one new platform thread, then the parallel part on
     * {@code workers} new platform threads, as evenly split as possible.
     *
     * @param workers at least 1
     * @return the run
     */
    public Timing run(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        long t0 = System.nanoTime();
        long[] serial = phase(List.of(serialUnits));
        List<Integer> shares = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            shares.add(parallelUnits / workers + (i < parallelUnits % workers ? 1 : 0));
        }
        long[] parallel = phase(shares);
        long wall = Math.max(1, System.nanoTime() - t0);
        return new Timing(serial[0] + parallel[0], Duration.ofNanos(wall), Duration.ofNanos(serial[1] + parallel[1]));
    }

    /** Runs one thread per share at once and waits: {sum, longest time on a core}. */
    private long[] phase(List<Integer> shares) {
        long[] sums = new long[shares.size()];
        long[] onCore = new long[shares.size()];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < shares.size(); i++) {
            int me = i;
            int count = shares.get(i);
            threads.add(Thread.ofPlatform().name("amdahl-" + (i + 1)).start(() -> {
                long c0 = SchedStat.threadCpuNanos();
                long w0 = System.nanoTime();
                long sum = 0;
                for (int k = 0; k < count; k++) {
                    sum += CpuWork.fib(n);
                }
                long c1 = SchedStat.threadCpuNanos();
                sums[me] = sum;
                onCore[me] = c0 >= 0 && c1 >= 0 ? c1 - c0 : System.nanoTime() - w0;
            }));
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the job ran", e);
            }
        }
        long sum = 0;
        long longest = 0;
        for (int i = 0; i < sums.length; i++) {
            sum += sums[i];
            longest = Math.max(longest, onCore[i]);
        }
        return new long[] {sum, longest};
    }

    /**
     * Measures one worker against {@code max(2, cores)} workers, interleaved over {@code rounds}
     * rounds after a warm-up, keeps each count's best figures, and solves Amdahl's law for p from
     * both speed-ups (clamped to 0 … 1).
     *
     * @param cores the machine's cores (the workers of the parallel runs; at least 2 are used)
     * @param rounds at least 1
     * @return the fit
     * @throws IllegalStateException when a run computes a wrong sum
     */
    public Fit fit(int cores, int rounds) {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1, got " + rounds);
        }
        int w = Math.max(2, cores);
        run(1);
        run(w); // warm-up: the JIT compiles fib first
        long[] wall = {Long.MAX_VALUE, Long.MAX_VALUE};
        long[] core = {Long.MAX_VALUE, Long.MAX_VALUE};
        for (int r = 0; r < rounds; r++) {
            for (int k : r % 2 == 0 ? new int[] {0, 1} : new int[] {1, 0}) {
                Timing t = run(k == 0 ? 1 : w);
                if (t.checksum() != expected()) {
                    throw new IllegalStateException("the job computed " + t.checksum() + ", not " + expected());
                }
                wall[k] = Math.min(wall[k], t.wall().toNanos());
                core[k] = Math.min(core[k], t.onCore().toNanos());
            }
        }
        double sCore = (double) core[0] / Math.max(1, core[1]);
        double sWall = (double) wall[0] / Math.max(1, wall[1]);
        return new Fit(designedParallelFraction(), w, sCore, solve(sCore, w), sWall, solve(sWall, w));
    }

    /**
     * Solves Amdahl's law S = 1 / ((1 − p) + p / w) for p, clamped to 0 … 1.
     *
     * @param speedUp the measured speed-up
     * @param workers the workers, at least 2
     * @return p
     */
    public static double solve(double speedUp, int workers) {
        if (workers < 2) {
            throw new IllegalArgumentException("p can only be solved for 2 or more workers, got " + workers);
        }
        double p = (1 - 1 / speedUp) / (1 - 1.0 / workers);
        return Math.max(0, Math.min(1, p));
    }
}
