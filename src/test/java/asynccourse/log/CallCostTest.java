package asynccourse.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CallCostTest {
    @TempDir
    Path dir;

    @Test
    void measure_bothLoggersTimed_filesRemovedAfterwards() throws IOException {
        CallCost c = CallCost.measure(dir, 2_000, 2);
        assertTrue(c.syncMedian().toNanos() > 0, c.toString());
        assertTrue(!c.fireMedian().isNegative(), c.toString());
        assertEquals(2_000, c.calls());
        assertEquals(2, c.rounds());
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "the two log files are deleted");
        }
    }

    @Test
    void ratio_isFireOverSync() {
        CallCost c = new CallCost(Duration.ofNanos(150), Duration.ofNanos(1_200), 10_000, 3);
        assertEquals(0.125, c.ratio(), 1e-12);
        assertEquals("median log() call: fire-and-forget 150 ns, synchronous 1200 ns (0.13 of it; 10,000 calls each, lowest of 3 rounds)",
                c.toString());
    }

    @Test
    void median_middleOfTheSortedValues() {
        assertEquals(5, CallCost.median(new long[] {9, 1, 5, 7, 2}));
        assertEquals(7, CallCost.median(new long[] {9, 1, 5, 7}), "upper middle for an even count");
    }

    @Test
    void invalidArguments_refused() {
        assertThrows(IllegalArgumentException.class, () -> CallCost.measure(dir, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> CallCost.measure(dir, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new CallCost(Duration.ofNanos(1), Duration.ZERO, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new CallCost(Duration.ofNanos(-1), Duration.ofNanos(5), 1, 1));
    }
}
