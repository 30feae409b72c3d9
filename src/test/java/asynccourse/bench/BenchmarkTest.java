package asynccourse.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
        assertTrue(Benchmark.fibTargetMet(0.8, 9.0));
        assertFalse(Benchmark.fibTargetMet(0.8, 7.9), "7.9 / 0.8 < 10");
        assertFalse(Benchmark.fibTargetMet(2.5, 100.0), "over 2 us");
        assertFalse(Benchmark.fibTargetMet(0.8, null), "no CPython run: the ratio is not shown, so not met");
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
        assertNull(row(1.0, null).ratio());
        assertNull(row(0.0, 2.0).ratio());
        assertNull(row(-3.0, 2.0).ratio(), "a negative memory figure (GC noise) gives no ratio");
    }

    @Test
    void reps_arePassedToPythonInOneOrder() {
        assertEquals("5,11,1,5,3", Benchmark.Reps.of(false).arg());
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
        assertEquals(20.0, rows.get(4).ours());
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
