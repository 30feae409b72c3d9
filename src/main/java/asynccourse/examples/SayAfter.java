package asynccourse.examples;

import static asynccourse.loop.Asyncio.sleep;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The course's first coroutine, {@code say_after(delay, what)}: sleep, then print. (The
 * article's version forgot to print; this one prints.)
 *
 * <p>Threading: a coroutine; call it from a coroutine running in an event loop. Cancellation:
 * a cancellation during the sleep propagates as {@link java.util.concurrent.CancellationException}
 * and nothing is printed. Nulls: arguments must not be null.
 *
 * <pre>{@code
 * run(() -> {
 *     Task<String> a = createTask(() -> sayAfter(Duration.ofSeconds(1), "hello"));
 *     Task<String> b = createTask(() -> sayAfter(Duration.ofSeconds(2), "world"));
 *     a.await();
 *     b.await();           // 2 s in all; awaiting the coroutines one after the other takes 3 s
 *     return null;
 * });
 * }</pre>
 */
public final class SayAfter {
    private SayAfter() {}

    /**
     * Sleeps {@code delay}, then prints {@code what} to {@code System.out}.
     *
     * @param delay how long to sleep
     * @param what what to print
     * @return {@code what}, so the call fits a {@code Coroutine<String>}
     */
    public static String sayAfter(Duration delay, String what) {
        return sayAfter(delay, what, System.out);
    }

    /**
     * Sleeps {@code delay}, then prints {@code what} to {@code out}.
     *
     * @param delay how long to sleep
     * @param what what to print
     * @param out where to print
     * @return {@code what}
     */
    public static String sayAfter(Duration delay, String what, PrintStream out) {
        Objects.requireNonNull(out, "out");
        return sayAfter(delay, what, (Consumer<String>) out::println);
    }

    /**
     * Sleeps {@code delay}, then hands {@code what} to {@code sink} (for tests).
     *
     * @param delay how long to sleep
     * @param what what to say
     * @param sink where to say it
     * @return {@code what}
     */
    public static String sayAfter(Duration delay, String what, Consumer<String> sink) {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(sink, "sink");
        sleep(delay);
        sink.accept(what);
        return what;
    }
}
