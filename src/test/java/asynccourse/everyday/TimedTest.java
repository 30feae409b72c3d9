package asynccourse.everyday;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class TimedTest {

    @Test
    void call_value_keptWithElapsed() {
        Timed<String> t = Timed.call(() -> "ok");
        assertEquals("ok", t.value());
        assertFalse(t.failed());
        assertEquals("", t.failureText());
        assertFalse(t.elapsed().isNegative());
    }

    @Test
    void call_failureWrappedByFutureOrExecutor_isUnwrapped() {
        var cause = new IllegalStateException("B: server error");
        Timed<Object> viaFuture = Timed.call(() -> CompletableFuture.failedFuture(cause).join());
        Timed<Object> viaExecutor = Timed.call(() -> {
            throw new ExecutionException(cause);
        });
        for (Timed<Object> t : java.util.List.of(viaFuture, viaExecutor)) {
            assertTrue(t.failed());
            assertNull(t.value());
            assertEquals("IllegalStateException: B: server error", t.failureText());
        }
    }

    @Test
    void call_interrupted_keepsTheInterruptStatus() {
        Timed<Object> t = Timed.call(() -> {
            throw new InterruptedException("stop");
        });
        assertTrue(Thread.interrupted(), "the interrupt status was set again (and is cleared here)");
        assertEquals("InterruptedException: stop", t.failureText());
    }

    @Test
    void best_keepsTheFastestRun_stopsAtAFailure() {
        int[] calls = {0};
        Timed<Integer> t = Timed.best(3, () -> {
            if (++calls[0] == 1) {
                Thread.sleep(50);   // the first run is the slow one
            }
            return calls[0];
        });
        assertEquals(3, calls[0]);
        assertTrue(t.value() == 2 || t.value() == 3, "a run without the sleep is the fastest: " + t);
        calls[0] = 0;
        Timed<Integer> failed = Timed.best(5, () -> {
            if (++calls[0] == 2) {
                throw new IllegalStateException("second run");
            }
            return calls[0];
        });
        assertEquals(2, calls[0]);
        assertEquals("IllegalStateException: second run", failed.failureText());
        assertThrows(IllegalArgumentException.class, () -> Timed.best(0, () -> 1));
    }

    @Test
    void toString_valueAndSeconds() {
        assertEquals("in 1.500 s: ok", new Timed<>("ok", null, Duration.ofMillis(1500)).toString());
        assertEquals("in 0.200 s: IllegalStateException: B", new Timed<>(null, new IllegalStateException("B"), Duration.ofMillis(200)).toString());
        assertThrows(IllegalArgumentException.class, () -> new Timed<>(null, null, Duration.ofMillis(-1)));
    }
}
