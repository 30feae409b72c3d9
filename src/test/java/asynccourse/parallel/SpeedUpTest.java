package asynccourse.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpeedUpTest {
    /** A run on two threads whose stretches both last the whole run (one thread for wall-only tests). */
    private static CpuWork.Run run(long wallMs, long cpuMs, long waitedMs) {
        return new CpuWork.Run(1, Duration.ofMillis(wallMs), Duration.ofMillis(cpuMs), Duration.ofMillis(waitedMs),
                Duration.ofMillis(2 * wallMs), 2);
    }

    private static String printed(Runnable r) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void of_speedUpIsTheOneWorkerTimeOverTheTime() {
        SpeedUp s = SpeedUp.of(Map.of(1, run(100, 100, 0), 2, run(50, 100, 0), 4, run(55, 100, 10)));
        assertEquals(List.of(1, 2, 4), s.workers());
        assertEquals(1.0, s.speedUp(1), 1e-9);
        assertEquals(2.0, s.speedUp(2), 1e-9);
        assertEquals(100 / 55.0, s.speedUp(4), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> s.speedUp(3));
        assertTrue(s.text().contains("2.00×"), s.text());
    }

    @Test
    void of_withoutTheOneWorkerBaseline_isRejected() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SpeedUp.of(Map.of(2, run(1, 1, 0))))
                .getMessage().contains("include 1"));
    }

    @Test
    void measure_interleavesTheCounts_reversingEveryOtherRound_andKeepsTheBest() {
        List<Integer> calls = new ArrayList<>();
        long[] wall = {30, 20, 10, 40, 25, 35};  // measured runs, in call order after the warm-up
        int[] i = {0};
        SpeedUp s = SpeedUp.measure(List.of(2, 1, 3), 2, w -> {
            calls.add(w);
            long ms = calls.size() <= 3 ? 1 : wall[i[0]++];
            return run(ms, ms, 0);
        });
        assertEquals(List.of(1, 2, 3, 1, 2, 3, 3, 2, 1), calls);
        assertEquals(Duration.ofMillis(30), s.best(1));   // min(30, 35)
        assertEquals(Duration.ofMillis(20), s.best(2));   // min(20, 25)
        assertEquals(Duration.ofMillis(10), s.best(3));   // min(10, 40)
        assertEquals(3.0, s.speedUp(3), 1e-9);
    }

    @Test
    void amdahl_isCappedAtTheCores() {
        assertEquals(1.0, SpeedUp.amdahl(0.9, 1, 8), 1e-9);
        assertEquals(1 / (0.1 + 0.45), SpeedUp.amdahl(0.9, 2, 8), 1e-9);
        assertEquals(2.0, SpeedUp.amdahl(1.0, 4, 2), 1e-9);
        assertEquals(1.0, SpeedUp.amdahl(0.0, 4, 4), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> SpeedUp.amdahl(1.5, 2, 2));
    }

    @Test
    void parallelFraction_solvesAmdahlAtTheCores() {
        double p = 0.8;
        long t2 = Math.round(100 / SpeedUp.amdahl(p, 2, 2));
        SpeedUp s = SpeedUp.of(Map.of(1, run(100, 100, 0), 2, run(t2, 100, 0)));
        assertEquals(p, s.parallelFraction(2), 0.01);
        assertTrue(Double.isNaN(s.parallelFraction(1)));
    }

    @Test
    void floor_isSixTenthsOfTheUsableCores() {
        assertEquals(1.2, SpeedUp.floor(2, 2), 1e-9);
        assertEquals(1.2, SpeedUp.floor(8, 2), 1e-9);
        assertEquals(0.6, SpeedUp.floor(3, 1), 1e-9);
        assertEquals(2.4, SpeedUp.floor(4, 8), 1e-9);
    }

    @Test
    void check_enoughSpeedUp_passes() {
        SpeedUp s = SpeedUp.of(Map.of(1, run(100, 100, 0), 2, run(60, 110, 5)));
        String out = printed(() -> s.check(2, "two threads", 2));
        assertTrue(out.startsWith("✔ two threads ran side by side: 1.67×"), out);
    }

    @Test
    void check_noSpeedUpButThePiecesWaitedForACore_explainsAndDoesNotFail() {
        // two pieces ready all the time (cpu + waiting = 2 × wall), but only one core's worth of CPU
        SpeedUp s = SpeedUp.of(Map.of(1, run(100, 100, 0), 2, run(100, 100, 100)));
        assertEquals(SpeedUp.Verdict.MACHINE_BUSY, s.verdict(2, 2));
        String out = printed(() -> s.check(2, "two threads", 2));
        assertTrue(out.contains("waiting for a") && out.contains("ready to run 100% of the time"), out);
    }

    @Test
    void check_twoThreadsTakingTurnsOnALock_fails() {
        // two threads over the whole run, but each ready only about half of it (the other holds the lock)
        SpeedUp s = SpeedUp.of(Map.of(1, run(100, 100, 0), 2, run(100, 95, 15)));
        AssertionError e = assertThrows(AssertionError.class, () -> s.check(2, "two threads and a lock", 2));
        assertTrue(e.getMessage().contains("took turns") && e.getMessage().contains("55%"), e.getMessage());
    }

    @Test
    void verdict_manyThreads_readyWellAboveTakingTurns_isTheMachine_belowItTheProgram() {
        CpuWork.Run readyEnough = new CpuWork.Run(1, Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(220),
                Duration.ofMillis(800), 8);   // 40% ready; 8 threads on a lock would be 1/8
        CpuWork.Run onALock = new CpuWork.Run(1, Duration.ofMillis(100), Duration.ofMillis(90), Duration.ofMillis(30),
                Duration.ofMillis(800), 8);   // 15% ready
        CpuWork.Run base = run(100, 100, 0);
        assertEquals(SpeedUp.Verdict.MACHINE_BUSY, SpeedUp.of(Map.of(1, base, 8, readyEnough)).verdict(8, 2));
        assertEquals(SpeedUp.Verdict.TOOK_TURNS, SpeedUp.of(Map.of(1, base, 8, onALock)).verdict(8, 2));
    }

    @Test
    void check_allPiecesOnOneThread_fails_howeverReadyItWas() {
        CpuWork.Run oneThread = new CpuWork.Run(1, Duration.ofMillis(100), Duration.ofMillis(50), Duration.ofMillis(50),
                Duration.ofMillis(100), 1);
        SpeedUp s = SpeedUp.of(Map.of(1, oneThread, 2, oneThread));
        AssertionError e = assertThrows(AssertionError.class, () -> s.check(2, "a pool of one thread", 2));
        assertTrue(e.getMessage().contains("1 thread(s)"), e.getMessage());
    }

    @Test
    void check_unknownSchedulerFigures_andNoSpeedUp_fails() {
        CpuWork.Run unknown = new CpuWork.Run(1, Duration.ofMillis(100), null, null, Duration.ofMillis(200), 2);
        SpeedUp s = SpeedUp.of(Map.of(1, unknown, 2, unknown));
        assertThrows(AssertionError.class, () -> s.check(2, "x", 2));
    }

    @Test
    void check_oneCore_explainsWhyThereIsNoSpeedUp() {
        SpeedUp s = SpeedUp.of(Map.of(1, run(100, 100, 0), 2, run(100, 50, 50)));
        String out = printed(() -> s.check(2, "two threads", 1));
        assertTrue(out.contains("one core") && out.contains("no real speed-up"), out);
    }

    @Test
    void measure_realThreads_stillAddUp() {
        CpuWork job = new CpuWork(4, 20);
        SpeedUp s = SpeedUp.measure(List.of(1, 2), 1, job::threads);
        assertEquals(job.expected(), s.points().get(1).run().checksum());
    }
}
