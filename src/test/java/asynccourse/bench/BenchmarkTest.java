package asynccourse.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchmarkTest {

    @Test
    void parseNumbers_readsThePythonScriptsOutput() {
        String json = "{\"python\": \"CPython 3.11.7\", \"fib20_us_per_task\": 11.77, \"fib20_tasks\": 21890, "
                + "\"sleep100k_wall_ms\": 1.8e3, \"say_after_overhead_ms\": -0.5}";
        Map<String, Double> m = Benchmark.parseNumbers(json);
        assertEquals(11.77, m.get("fib20_us_per_task"));
        assertEquals(21890.0, m.get("fib20_tasks"));
        assertEquals(1800.0, m.get("sleep100k_wall_ms"));
        assertEquals(-0.5, m.get("say_after_overhead_ms"));
        assertFalse(m.containsKey("python"));
    }

    @Test
    void fibTarget_needsBothHalves_andACpythonFigure() {
        assertTrue(Benchmark.fibTargetMet(0.6, 9.5), "0.6 us and 15.8x");
        assertTrue(Benchmark.fibTargetMet(0.7, 10.5), "both bounds are inclusive");
        assertFalse(Benchmark.fibTargetMet(0.6, 8.9), "8.9 / 0.6 < 15");
        assertFalse(Benchmark.fibTargetMet(0.75, 100.0), "over 0.7 us, although 133x");
        assertFalse(Benchmark.fibTargetMet(0.6, null), "no CPython run: the ratio is not shown, so not met");
    }

    @Test
    void eagerFibTarget_failsEachHalf() {
        assertTrue(Benchmark.eagerFibTargetMet(0.2, 9.0), "0.2 us and 45x");
        assertTrue(Benchmark.eagerFibTargetMet(0.25, 10.0), "both bounds are inclusive");
        assertFalse(Benchmark.eagerFibTargetMet(0.24, 9.0), "9.0 / 0.24 = 37.5x < 40");
        assertFalse(Benchmark.eagerFibTargetMet(0.3, 100.0), "over 0.25 us, although 333x");
        assertFalse(Benchmark.eagerFibTargetMet(0.2, null), "no CPython run: not met");
        assertFalse(Benchmark.eagerFibTargetMet(0.0, 9.0), "no sound figure of ours");
    }

    @Test
    void stat_medianAndRange() {
        Benchmark.Stat odd = Benchmark.Stat.of(3, 1, 2, 9, 4);
        assertEquals(new Benchmark.Stat(3, 1, 9), odd);
        assertTrue(odd.isRange());
        assertEquals(new Benchmark.Stat(2.5, 1, 4), Benchmark.Stat.of(4, 1, 3, 2));
        assertFalse(Benchmark.Stat.single(7).isRange());
        assertEquals("0.81 (0.78 to 0.95)", Benchmark.cell(new Benchmark.Stat(0.81, 0.78, 0.95)));
        assertEquals("1234", Benchmark.cell(Benchmark.Stat.single(1234.4)));
        assertEquals("n/a", Benchmark.cell(null));
    }

    @Test
    void stat_fromPython_readsMedianMinMax() {
        Map<String, Double> py = Benchmark.parseNumbers("{\"fib20_us_per_task\": 9.5, \"fib20_us_per_task_min\": 8.1, "
                + "\"fib20_us_per_task_max\": 12.0, \"sleep100k_bytes_per_task\": 1380.5}");
        assertEquals(new Benchmark.Stat(9.5, 8.1, 12.0), Benchmark.Stat.fromPython(py, "fib20_us_per_task"));
        assertEquals(Benchmark.Stat.single(1380.5), Benchmark.Stat.fromPython(py, "sleep100k_bytes_per_task"));
        assertNull(Benchmark.Stat.fromPython(py, "say_after_overhead_ms"));
    }

    @Test
    void warmUp_needsBothTheCountAndTheTime() {
        long[] now = {0};
        // each run takes 100 ms: 20 runs give 2 s, so the 3 s minimum decides
        assertEquals(30, Benchmark.warmUp(20, 3000, () -> now[0], () -> now[0] += 100_000_000L));
        now[0] = 0;
        // each run takes 1 s: 3 runs give 3 s, so the 20-run minimum decides
        assertEquals(20, Benchmark.warmUp(20, 3000, () -> now[0], () -> now[0] += 1_000_000_000L));
    }

    @Test
    void checkSameTasks_rejectsADifferentOrMissingCount() {
        Benchmark.checkSameTasks("fib(20)", 21890, 21890.0);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Benchmark.checkSameTasks("fib(20)", 21890, 21888.0));
        assertTrue(e.getMessage().contains("21890 tasks here, 21888 in Python"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> Benchmark.checkSameTasks("fib(20)", 21890, null));
    }

    @Test
    void shortVersion_ofTheEagerPython() {
        assertEquals("3.13", Benchmark.shortVersion("CPython 3.13.0"));
        assertEquals("3.12+", Benchmark.shortVersion("not run: no CPython 3.12 or newer given"));
    }

    @Test
    void pagesTarget_needsBothHalves_andACpythonFigure() {
        assertTrue(Benchmark.pagesTargetMet(380, 500.0));
        assertFalse(Benchmark.pagesTargetMet(420, 900.0), "over 400 ms");
        assertFalse(Benchmark.pagesTargetMet(380, 350.0), "behind CPython");
        assertFalse(Benchmark.pagesTargetMet(380, null), "no CPython run: not met");
        assertEquals(1_024_000L, Benchmark.PAGES_BYTES);
    }

    @Test
    void ratio_isNullWithoutASoundQuotient() {
        assertEquals(2.0, row(1.0, 2.0).ratio());
        assertEquals(4.0, new Benchmark.Row("k", "w", "u", new Benchmark.Stat(2, 1, 30), new Benchmark.Stat(8, 0.5, 9),
                "t", true).ratio(), "the ratio of the medians");
        assertNull(row(1.0, null).ratio());
        assertNull(row(0.0, 2.0).ratio());
        assertNull(row(-3.0, 2.0).ratio(), "a negative memory figure (GC noise) gives no ratio");
    }

    @Test
    void reps_arePassedToPythonInOneOrder() {
        assertEquals("20,3000,15,1,5,5", Benchmark.Reps.of(false).arg());
    }

    @Test
    void percentile_nearestRank() {
        long[] xs = {5, 1, 4, 2, 3, 6, 7, 8, 9, 10};
        assertEquals(5.0, Benchmark.percentile(xs, 50));
        assertEquals(10.0, Benchmark.percentile(xs, 99));
        assertEquals(1.0, Benchmark.percentile(new long[] {1}, 99));
    }

    @Test
    void logCallRows_targetNeedsAtMostOneMicrosecondAndTenTimesCheaper() {
        java.util.List<Benchmark.Row> rows = new java.util.ArrayList<>();
        Benchmark.addLogCallRows(rows, new double[] {100, 300, 2000, 9000});
        assertTrue(rows.get(0).met());
        assertEquals(20.0, rows.get(4).ours().median());
        assertTrue(rows.get(4).met());
        rows.clear();
        Benchmark.addLogCallRows(rows, new double[] {300, 900, 2000, 9000});
        assertFalse(rows.get(4).met(), "2000 / 300 < 10");
        rows.clear();
        Benchmark.addLogCallRows(rows, new double[] {1500, 2000, 90000, 99000});
        assertFalse(rows.get(0).met(), "over 1 us");
    }

    private static Benchmark.Row row(double ours, Double cpython) {
        return new Benchmark.Row("k", "w", "u", ours, cpython, "t", true);
    }
}
