package asynccourse.parallel;

import asynccourse.trace.Seconds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * Speed-up against the number of workers: how much sooner a job finishes with n workers than
 * with one, S(n) = T(1) / T(n), with Amdahl's law to compare it to.
 *
 * <p>How it measures, so that it holds on a busy machine: the runs are <em>interleaved</em>
 * (round after round, every worker count once per round, the order reversed every other round),
 * and each worker count keeps its <em>best</em> time. Load from other programs that comes and
 * goes then slows single-worker and many-worker runs alike instead of whichever happened to run
 * during a burst, and the best time is the one least disturbed.
 *
 * <p>How it checks ({@link #check}): a speed-up of at least 0.6 × min(cores, n) passes. A
 * smaller one has two possible causes, which the runs' scheduler figures tell apart (see
 * {@link CpuWork.Run#readyShare()}): either the program made the pieces take turns (one
 * thread of control, a lock, CPython's GIL) — that fails; or the pieces were ready to run side by
 * side and waited for a core because other programs kept the cores busy (Linux shares the
 * cores between sessions, so a busy session elsewhere can leave this one a single core's worth)
 * — that is reported as such, with the figures, and does not fail. On a one-core machine there
 * is no speed-up to show; the check says so instead of failing.
 *
 * <p>Threading: a finished {@code SpeedUp} is immutable; {@link #measure} runs the job on the
 * calling thread (the job starts its own workers). Cancellation: not supported. Nulls: not
 * accepted.
 *
 * <pre>{@code
 * CpuWork job = new CpuWork(24, 30);
 * SpeedUp s = SpeedUp.measure(List.of(1, 2, 3, 4), 3, job::threads);
 * System.out.println(s.text());
 * double two = s.speedUp(2);          // about 2 on an idle 2-core machine
 * s.check(2, "two platform threads");
 * }</pre>
 */
public final class SpeedUp {
    /** The share of the ideal speed-up a check asks for: S(n) ≥ 0.6 × min(cores, n). */
    public static final double FLOOR_SHARE = 0.6;

    /**
     * One worker count's result.
     *
     * @param workers how many workers
     * @param best the best wall time of the job with them
     * @param speedUp best time with one worker divided by {@code best}
     * @param run the best run itself, with its scheduler figures
     */
    public record Point(int workers, Duration best, double speedUp, CpuWork.Run run) {}

    private final Map<Integer, Point> points;

    private SpeedUp(Map<Integer, Point> points) {
        this.points = points;
    }

    /**
     * The number of cores this JVM may use, {@link Runtime#availableProcessors()}.
     *
     * @return at least 1
     */
    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Measures {@code job} with each worker count, interleaved, after one warm-up round.
     *
     * @param workers the worker counts; must include 1 (the baseline)
     * @param rounds how many measured rounds, at least 1
     * @param job runs the whole job with the given number of workers
     * @return the speed-ups
     */
    public static SpeedUp measure(List<Integer> workers, int rounds, IntFunction<CpuWork.Run> job) {
        Objects.requireNonNull(job, "job");
        List<Integer> counts = checkCounts(workers);
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1, got " + rounds);
        }
        for (int w : counts) {
            job.apply(w); // warm-up: the JIT compiles the job before anything counts
        }
        Map<Integer, CpuWork.Run> best = new TreeMap<>();
        for (int r = 0; r < rounds; r++) {
            List<Integer> order = new ArrayList<>(counts);
            if (r % 2 == 1) {
                Collections.reverse(order);
            }
            for (int w : order) {
                CpuWork.Run run = Objects.requireNonNull(job.apply(w), "the job returned no run");
                CpuWork.Run b = best.get(w);
                if (b == null || run.wall().compareTo(b.wall()) < 0) {
                    best.put(w, run);
                }
            }
        }
        return of(best);
    }

    /**
     * Builds the speed-ups from the best runs measured elsewhere (for instance by a Python script).
     *
     * @param best the best run per worker count; must include 1
     * @return the speed-ups
     */
    public static SpeedUp of(Map<Integer, CpuWork.Run> best) {
        Objects.requireNonNull(best, "best");
        checkCounts(new ArrayList<>(best.keySet()));
        Map<Integer, CpuWork.Run> sorted = new TreeMap<>(best);
        double one = sorted.get(1).wall().toNanos();
        Map<Integer, Point> m = new LinkedHashMap<>();
        sorted.forEach((w, r) -> m.put(w, new Point(w, r.wall(), one / r.wall().toNanos(), r)));
        return new SpeedUp(m);
    }

    private static List<Integer> checkCounts(List<Integer> workers) {
        Objects.requireNonNull(workers, "workers");
        List<Integer> counts = workers.stream().distinct().sorted().toList();
        if (!counts.contains(1)) {
            throw new IllegalArgumentException("the worker counts must include 1, the baseline, got " + workers);
        }
        if (counts.get(0) < 1) {
            throw new IllegalArgumentException("worker counts must be at least 1, got " + workers);
        }
        return counts;
    }

    /**
     * Returns the results, by increasing worker count.
     *
     * @return the points
     */
    public List<Point> points() {
        return List.copyOf(points.values());
    }

    /**
     * Returns the worker counts measured, increasing.
     *
     * @return the counts
     */
    public List<Integer> workers() {
        return List.copyOf(points.keySet());
    }

    /**
     * Returns S(workers) = T(1) / T(workers).
     *
     * @param workers a measured worker count
     * @return the speed-up
     * @throws IllegalArgumentException if that count was not measured
     */
    public double speedUp(int workers) {
        return point(workers).speedUp();
    }

    /**
     * Returns the best time with {@code workers} workers.
     *
     * @param workers a measured worker count
     * @return the best wall time
     */
    public Duration best(int workers) {
        return point(workers).best();
    }

    private Point point(int workers) {
        Point p = points.get(workers);
        if (p == null) {
            throw new IllegalArgumentException("no measurement with " + workers + " workers; measured: " + points.keySet());
        }
        return p;
    }

    /**
     * Amdahl's law: the speed-up of a job whose fraction {@code p} can run in parallel, with
     * {@code workers} workers on {@code cores} cores (more workers than cores add nothing):
     * 1 / ((1 − p) + p / min(workers, cores)).
     *
     * @param p the parallel fraction, 0 to 1
     * @param workers at least 1
     * @param cores at least 1
     * @return the speed-up
     */
    public static double amdahl(double p, int workers, int cores) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("p is a fraction between 0 and 1, got " + p);
        }
        if (workers < 1 || cores < 1) {
            throw new IllegalArgumentException("workers and cores must be at least 1, got " + workers + " and " + cores);
        }
        return 1 / ((1 - p) + p / Math.min(workers, cores));
    }

    /**
     * Estimates the parallel fraction p from the measured speed-up at {@code min(cores, most
     * workers measured)} workers, by solving Amdahl's law for p (clamped to 0 … 1).
     *
     * @param cores the machine's cores
     * @return p, or NaN when it cannot be told (one core, or only one worker measured)
     */
    public double parallelFraction(int cores) {
        int n = Math.min(cores, workers().get(workers().size() - 1));
        if (n < 2 || !points.containsKey(n)) {
            return Double.NaN;
        }
        double s = speedUp(n);
        double p = (1 - 1 / s) / (1 - 1.0 / n);
        return Math.max(0, Math.min(1, p));
    }

    /**
     * The least speed-up a check accepts with {@code workers} workers: 0.6 × min(cores, workers).
     *
     * @param workers at least 1
     * @param cores at least 1
     * @return the floor
     */
    public static double floor(int workers, int cores) {
        return FLOOR_SHARE * Math.min(cores, workers);
    }

    /**
     * Returns a table: workers, best time, speed-up, and (where known) cores busy and the time
     * spent waiting for a free core during that run.
     *
     * @return the text
     */
    public String text() {
        StringBuilder sb = new StringBuilder("workers   best time   speed-up   cores busy   waited for a core\n");
        for (Point p : points.values()) {
            sb.append(String.format(Locale.ROOT, "%7d   %9s   %7.2f×   %10s   %17s%n", p.workers(),
                    Seconds.format(p.best()) + " s", p.speedUp(), num(p.run().coresBusy()),
                    p.run().waitedForCore() == null ? "?" : Seconds.format(p.run().waitedForCore()) + " s"));
        }
        return sb.toString();
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "?" : String.format(Locale.ROOT, "%.2f", v);
    }

    /** What {@link #verdict} decided. */
    enum Verdict { SPED_UP, MACHINE_BUSY, ONE_CORE, TOOK_TURNS }

    /**
     * How much readier than threads taking turns the threads must have been to blame the
     * machine rather than the program. n threads that take turns on a lock are each ready about
     * 1/n of their stretch; threads that never block, nearly all of it (on a busy machine somewhat
     * less is measured, more so the more threads there are).
     */
    static final double READIER_THAN_TURNS = 1.5;

    /**
     * Decides about {@code workers} workers: sped up enough; or not, because the machine had no
     * free cores although several threads were ready to run (clearly more than threads taking
     * turns would be); or one core; or the pieces took turns (the only failing verdict).
     */
    Verdict verdict(int workers, int cores) {
        Point p = point(workers);
        if (cores < 2) {
            return Verdict.ONE_CORE;
        }
        if (p.speedUp() >= floor(workers, cores)) {
            return Verdict.SPED_UP;
        }
        CpuWork.Run r = p.run();
        int n = r.threads();
        if (workers >= 2 && n >= 2 && r.readyShare() >= Math.min(0.75, READIER_THAN_TURNS / n)) {
            return Verdict.MACHINE_BUSY;
        }
        return Verdict.TOOK_TURNS;
    }

    /**
     * Checks that {@code workers} workers ran side by side, on this machine's
     * {@link #cores()}: prints "✔" with the speed-up when it is at least
     * {@link #floor(int, int)}; prints why there is none on a one-core machine or when other
     * programs left no free core (see the class comment); fails when the pieces took turns.
     *
     * @param workers a measured worker count, at least 2
     * @param what what ran, e.g. "4 platform threads"
     * @throws AssertionError when the work did not run side by side
     */
    public void check(int workers, String what) {
        check(workers, what, cores());
    }

    /**
     * {@link #check(int, String)} for a given number of cores (tests pass their own).
     *
     * @param workers a measured worker count, at least 2
     * @param what what ran
     * @param cores the machine's cores
     * @throws AssertionError when the work did not run side by side
     */
    public void check(int workers, String what, int cores) {
        Objects.requireNonNull(what, "what");
        Point p = point(workers);
        String figures = String.format(Locale.ROOT, "%.2f× with %d workers (%.3f s against %.3f s with one)",
                p.speedUp(), workers, p.best().toNanos() / 1e9, best(1).toNanos() / 1e9);
        String need = String.format(Locale.ROOT, "at least 0.6 × min(%d cores, %d workers) = %.2f×", cores, workers,
                floor(workers, cores));
        switch (verdict(workers, cores)) {
            case SPED_UP -> {
                System.out.println("✔ " + what + " ran side by side: " + figures + ", " + need);
            }
            case ONE_CORE -> {
                System.out.println("• " + what + ": " + figures + ". This machine has one core, so workers can only"
                        + " take turns on it: no real speed-up is possible here, and a figure other than 1× is the noise"
                        + " of a shared or throttled core (on a machine with several cores there is a speed-up).");
            }
            case MACHINE_BUSY -> {
                System.out.println(String.format(Locale.ROOT, "• %s: %s, less than %s. Not the program's fault:"
                        + " its %d threads were ready to run %.0f%% of the time, but spent %.3f s waiting for a"
                        + " free core (other programs keep the cores busy; the operating system shares them between"
                        + " sessions). Run the cell again when the machine is quieter to see the speed-up.",
                        what, figures, need, p.run().threads(), 100 * p.run().readyShare(),
                        p.run().waitedForCore().toNanos() / 1e9));
            }
            default -> throw new AssertionError(String.format(Locale.ROOT, "✘ %s did not run side by side: %s,"
                    + " expected %s; the pieces ran on %d thread(s), ready to run %s of the time: the pieces took turns.",
                    what, figures, need, p.run().threads(),
                    Double.isNaN(p.run().readyShare()) ? "an unknown share" : String.format(Locale.ROOT, "%.0f%%", 100 * p.run().readyShare())));
        }
    }

    @Override
    public String toString() {
        return text();
    }
}
