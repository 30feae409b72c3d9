package asynccourse.loop;

import java.util.Locale;

/** Formatting of nanoseconds as seconds with three decimals ("1.000"). */
final class Seconds {
    private Seconds() {}

    static String format(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
    }
}
