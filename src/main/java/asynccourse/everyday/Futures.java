package asynccourse.everyday;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The course's examples as non-blocking {@link CompletableFuture}s, and the one combinator the
 * JDK lacks: {@link #allOrFirstFailure}, an {@code allOf} that fails as soon as one input fails.
 *
 * <p>{@code sayAfter} and {@code failAfter} block no thread while they wait: they schedule their
 * completion with {@link CompletableFuture#delayedExecutor}, as asyncio's {@code sleep} schedules
 * a timer.
 *
 * <p>Threading: every method may be called from any thread; completions run on the JDK's delay
 * scheduler and the common pool. Cancellation: cancelling a returned future completes it with a
 * {@link java.util.concurrent.CancellationException} but stops no work that is already running
 * (that is how {@code CompletableFuture} is made). Nulls: arguments must not be null.
 *
 * <pre>{@code
 * CompletableFuture<String> hello = Futures.sayAfter(Duration.ofSeconds(1), "hello");
 * CompletableFuture<String> world = Futures.sayAfter(Duration.ofSeconds(2), "world");
 * hello.thenCombine(world, (a, b) -> a + " " + b).join();   // "hello world" after 2 s
 * }</pre>
 */
public final class Futures {
    private Futures() {}

    private static Executor after(Duration delay) {
        return CompletableFuture.delayedExecutor(Objects.requireNonNull(delay, "delay").toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * A future that, after {@code delay}, prints {@code what} and completes with it; no thread
     * waits meanwhile.
     *
     * @param delay how long until it completes
     * @param what what to print and complete with
     * @return the future
     */
    public static CompletableFuture<String> sayAfter(Duration delay, String what) {
        Objects.requireNonNull(what, "what");
        return CompletableFuture.supplyAsync(() -> {
            System.out.println(what);
            return what;
        }, after(delay));
    }

    /**
     * A future that, after {@code delay}, completes exceptionally with an
     * {@link IllegalStateException} carrying {@code message}.
     *
     * @param delay how long until it fails
     * @param message the failure's message
     * @param <T> the type it would have completed with
     * @return the future
     */
    public static <T> CompletableFuture<T> failAfter(Duration delay, String message) {
        Objects.requireNonNull(message, "message");
        return CompletableFuture.supplyAsync(() -> {
            throw new IllegalStateException(message);
        }, after(delay));
    }

    /**
     * All results in input order, or the first failure as soon as it happens: the others are
     * then cancelled (which marks them cancelled and stops no running work), before the
     * returned future fails, so whoever sees it failed sees them cancelled. The JDK's
     * {@link CompletableFuture#allOf} instead waits for every input, even after one has failed.
     * An empty list gives an empty list at once.
     *
     * @param futures the inputs
     * @param <T> their result type
     * @return a future of all results, completed exceptionally with the first failure (its
     *         cause, unwrapped from {@link java.util.concurrent.CompletionException})
     */
    public static <T> CompletableFuture<List<T>> allOrFirstFailure(List<? extends CompletableFuture<? extends T>> futures) {
        List<CompletableFuture<? extends T>> inputs = List.copyOf(Objects.requireNonNull(futures, "futures"));
        CompletableFuture<List<T>> result = new CompletableFuture<>();
        CompletableFuture.allOf(inputs.toArray(CompletableFuture<?>[]::new)).thenRun(() -> {
            List<T> values = new ArrayList<>(inputs.size());
            for (CompletableFuture<? extends T> f : inputs) {
                values.add(f.join());
            }
            result.complete(values);
        });
        AtomicBoolean failed = new AtomicBoolean();
        for (CompletableFuture<? extends T> f : inputs) {
            f.whenComplete((v, e) -> {
                if (e != null && failed.compareAndSet(false, true)) {
                    // cancel first: whoever sees the result failed also sees the others cancelled
                    inputs.forEach(other -> other.cancel(false));
                    result.completeExceptionally(Timed.unwrap(e));
                }
            });
        }
        return result;
    }
}
