package asynccourse.loop.conformance;

import asynccourse.loop.Asyncio;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Helpers of the conformance tests of the synchronisation primitives (ported from CPython
 * 3.11.7's {@code test_locks.py} and {@code test_queues.py}). They use the public API only:
 * where CPython's tests look at private state ({@code lock._waiters}, {@code q._getters}), these
 * read the same numbers from {@code toString()}, which prints them as asyncio's repr does.
 */
final class SyncConformance {
    private SyncConformance() {}

    /** asyncio's repr pattern of the tests ({@code STR_RGX_REPR}), without "object at 0x...". */
    static final Pattern REPR = Pattern.compile(
            "^<(?<cls>\\w+) \\[(?<extras>(set|unset|locked|unlocked)(, value:\\d)?(, waiters:\\d+)?)\\]>\\z");

    /** {@code await asyncio.sleep(0)}: one loop iteration. */
    static void sleep0() {
        Asyncio.sleep(Duration.ZERO);
    }

    /** {@code len(x._waiters)} of a Lock, Event or Semaphore, as its repr shows it. */
    static int waiters(Object primitive) {
        return count(primitive, "waiters:(\\d+)");
    }

    /** {@code len(q._getters)}. */
    static int getters(Object queue) {
        return count(queue, "_getters\\[(\\d+)\\]");
    }

    /** {@code len(q._putters)}. */
    static int putters(Object queue) {
        return count(queue, "_putters\\[(\\d+)\\]");
    }

    private static int count(Object o, String regex) {
        Matcher m = Pattern.compile(regex).matcher(o.toString());
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
