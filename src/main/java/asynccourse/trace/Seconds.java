package asynccourse.trace;

import java.time.Duration;
import java.util.Locale;

/**
 * Times as seconds with three decimals ({@code "1.000"}), the one format of the library's
 * timelines, messages and notebook checks, with a dot whatever the default locale.
 *
 * <p>Threading: stateless. Nulls: a null duration throws {@link NullPointerException}.
 *
 * <pre>{@code
 * Seconds.format(Duration.ofMillis(2250));   // "2.250"
 * }</pre>
 */
public final class Seconds {
    private Seconds() {}

    /**
     * Formats nanoseconds.
     *
     * @param nanos a time or duration in nanoseconds
     * @return seconds with three decimals
     */
    public static String format(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
    }

    /**
     * Formats a duration.
     *
     * @param d the duration
     * @return seconds with three decimals
     */
    public static String format(Duration d) {
        return format(d.toNanos());
    }
}
