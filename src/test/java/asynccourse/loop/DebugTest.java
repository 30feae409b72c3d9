package asynccourse.loop;

import static asynccourse.loop.Asyncio.createTask;
import static asynccourse.loop.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DebugTest {

    private static void busy(long millis) {
        long end = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    @Test
    void debug_slowStep_reportedWithTaskNameAndDuration() {
        List<String> warnings = new CopyOnWriteArrayList<>();
        EventLoop loop = EventLoop.builder().virtualClock().debug(true)
                .slowCallbackDuration(Duration.ofMillis(100)).warnings(warnings::add).build();
        try (loop) {
            loop.runUntilComplete(() -> {
                createTask(() -> {
                    busy(150);
                    return null;
                }, "hog").await();
                createTask(() -> 1, "quick").await();
                return null;
            });
        }
        assertEquals(1, warnings.size(), warnings.toString());
        String w = warnings.get(0);
        assertTrue(w.startsWith("Executing <Task finished name='hog'"), w);
        Matcher took = Pattern.compile(" took (\\d+\\.\\d{3}) seconds$").matcher(w);
        assertTrue(took.find(), w);
        assertTrue(Double.parseDouble(took.group(1)) >= 0.150, w); // a busy machine may take longer, never less
    }

    @Test
    void noDebug_slowStep_notReported() {
        List<String> warnings = new CopyOnWriteArrayList<>();
        try (EventLoop loop = EventLoop.builder().virtualClock().warnings(warnings::add).build()) {
            loop.runUntilComplete(() -> {
                busy(120);
                return null;
            });
        }
        assertEquals(List.of(), warnings);
    }

    @Test
    void unretrievedFailure_reportedWhenLoopCloses() {
        List<String> warnings = new CopyOnWriteArrayList<>();
        try (EventLoop loop = EventLoop.builder().virtualClock().warnings(warnings::add).build()) {
            loop.runUntilComplete(() -> {
                createTask(() -> {
                    throw new IllegalStateException("nobody looks at me");
                }, "forgotten");
                Task<Void> seen = createTask(() -> {
                    throw new IllegalStateException("retrieved");
                }, "seen");
                sleep(Duration.ofSeconds(1));
                seen.exception();
                return null;
            });
            assertEquals(List.of(), warnings, "reported at close, not before");
        }
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("Task exception was never retrieved: <Task finished name='forgotten'"),
                warnings.get(0));
        assertTrue(warnings.get(0).contains("nobody looks at me"));
    }

    @Test
    void failingCallback_reported_loopContinues() {
        List<String> warnings = new CopyOnWriteArrayList<>();
        int r = TestLoops.vrun(warnings, () -> {
            Asyncio.getRunningLoop().callSoon(() -> {
                throw new IllegalStateException("callback broke");
            });
            sleep(Duration.ZERO);
            return 7;
        });
        assertEquals(7, r);
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("callback broke"));
    }
}
