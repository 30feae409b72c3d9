package asynccourse.everyday;

import asynccourse.trace.Seconds;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * What a piece of work gave (its value or its failure) and how long it took, measured with
 * {@link System#nanoTime()} around one call, so a notebook times a whole demo in one
 * statement.
 *
 * <p>Threading: {@link #call} runs the work on the calling thread. Cancellation: an interrupt
 * of the calling thread is recorded as the failure (and the interrupt status is set again).
 * Nulls: exactly one of {@code value} and {@code failure} is meaningful; {@code value} may be
 * null when the work returned null.
 *
 * <pre>{@code
 * Timed<String> t = Timed.call(() -> Blocking.sayAfter(Duration.ofSeconds(1), "hi"));
 * t.elapsed();   // about PT1S
 * t.value();     // "hi"
 * t.toString();  // "in 1.001 s: hi"
 * }</pre>
 *
 * @param value what the work returned (null when it failed)
 * @param failure what it threw, unwrapped from {@link ExecutionException} and
 *                {@link CompletionException} (null when it succeeded)
 * @param elapsed how long the call took
 * @param <T> the work's result type
 */
public record Timed<T>(T value, Throwable failure, Duration elapsed) {

    /**
     * Checks the parts.
     *
     * @param value the value
     * @param failure the failure
     * @param elapsed the duration, not null, not negative
     */
    public Timed {
        Objects.requireNonNull(elapsed, "elapsed");
        if (elapsed.isNegative()) {
            throw new IllegalArgumentException("elapsed must not be negative: " + elapsed);
        }
    }

    /**
     * Runs {@code work} and returns its outcome with the time it took; never throws what the
     * work threw.
     *
     * @param work the work
     * @param <T> its result type
     * @return value or failure, and the elapsed time
     */
    public static <T> Timed<T> call(Callable<T> work) {
        Objects.requireNonNull(work, "work");
        long t0 = System.nanoTime();
        try {
            T v = work.call();
            return new Timed<>(v, null, Duration.ofNanos(System.nanoTime() - t0));
        } catch (Exception | Error e) {
            Duration d = Duration.ofNanos(System.nanoTime() - t0);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return new Timed<>(null, unwrap(e), d);
        }
    }

    /**
     * Runs {@code work} {@code runs} times and returns the fastest run (the first runs also warm
     * up the JIT); stops at the first run that fails and returns that one.
     *
     * @param runs how many times, at least 1
     * @param work the work
     * @param <T> its result type
     * @return the fastest successful run, or the first failed one
     */
    public static <T> Timed<T> best(int runs, Callable<T> work) {
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be at least 1: " + runs);
        }
        Timed<T> best = null;
        for (int i = 0; i < runs; i++) {
            Timed<T> t = call(work);
            if (t.failed()) {
                return t;
            }
            if (best == null || t.elapsed().compareTo(best.elapsed()) < 0) {
                best = t;
            }
        }
        return best;
    }

    /**
     * Tells whether the work threw.
     *
     * @return true when it failed
     */
    public boolean failed() {
        return failure != null;
    }

    /**
     * The failure's class and message, e.g. {@code "IllegalStateException: B: server error"};
     * "" when the work succeeded.
     *
     * @return a one-line description of the failure
     */
    public String failureText() {
        if (failure == null) {
            return "";
        }
        return failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
    }

    /**
     * Removes the wrappers that executors and futures put around a failure.
     *
     * @param t a failure
     * @return its cause while it is an {@link ExecutionException} or {@link CompletionException} with a cause
     */
    public static Throwable unwrap(Throwable t) {
        Throwable x = Objects.requireNonNull(t, "t");
        while ((x instanceof ExecutionException || x instanceof CompletionException) && x.getCause() != null) {
            x = x.getCause();
        }
        return x;
    }

    @Override
    public String toString() {
        return "in " + Seconds.format(elapsed) + " s: " + (failed() ? failureText() : String.valueOf(value));
    }
}
