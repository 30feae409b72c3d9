package asynccourse.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class CpuWorkTest {
    private final CpuWork job = new CpuWork(7, 15);

    @Test
    void expected_isUnitsTimesFib() {
        assertEquals(7 * 610L, job.expected());
        assertEquals(610L, CpuWork.fib(15));
        assertEquals(0L, new CpuWork(3, 0).expected());
    }

    @Test
    void everyWayOfRunning_addsUpToTheSameChecksum() {
        assertEquals(job.expected(), job.sequential().checksum());
        for (int w = 1; w <= 9; w++) {
            assertEquals(job.expected(), job.threads(w).checksum(), w + " threads");
        }
        try (var pool = Executors.newFixedThreadPool(2)) {
            assertEquals(job.expected(), job.executor(pool, 3).checksum());
        }
        assertEquals(job.expected(), job.parallelStream().checksum());
        try (var fj = new java.util.concurrent.ForkJoinPool(2)) {
            CpuWork.Run run = job.forkJoin(fj);
            assertEquals(job.expected(), run.checksum(), "fork/join");
            assertTrue(run.threads() >= 1 && run.threads() <= 2, "the pool's workers are tallied: " + run.threads());
        }
    }

    @Test
    void share_splitsTheUnitsAsEvenlyAsPossible() {
        int total = 0;
        for (int i = 0; i < 3; i++) {
            int s = job.share(i, 3);
            assertTrue(s == 2 || s == 3, "share " + s);
            total += s;
        }
        assertEquals(7, total);
    }

    @Test
    void run_onLinux_reportsCpuAndWaitingTimes() {
        CpuWork warm = new CpuWork(8, 30);
        warm.threads(2); // the first run includes the JIT compiling fib
        CpuWork.Run r = warm.threads(2);
        if (!SchedStat.available()) {
            System.out.println("no /proc/thread-self/schedstat on this system: CPU and waiting times are unknown here");
            assertEquals(null, r.cpu());
            assertTrue(Double.isNaN(r.readyShare()));
            return;
        }
        assertEquals(2, r.threads());
        assertTrue(r.cpu().toNanos() > 0, "the pieces used CPU time: " + r);
        assertTrue(r.waitedForCore().toNanos() >= 0, "waiting for a core is never negative: " + r);
        // running plus waiting for a core cannot exceed the threads' stretches (a quiet machine gives
        // 0.9 to 1.0; under load, time at safepoints and the like is neither, so no lower bound is asserted)
        assertTrue(r.readyShare() > 0 && r.readyShare() <= 1.05, "a share of the threads' stretches: " + r);
    }

    @Test
    void run_figuresAreRatiosToTheWallTime() {
        CpuWork.Run r = new CpuWork.Run(1, Duration.ofMillis(100), Duration.ofMillis(150), Duration.ofMillis(50),
                Duration.ofMillis(200), 2);
        assertEquals(1.5, r.coresBusy(), 1e-9);
        assertEquals(1.0, r.readyShare(), 1e-9);
        assertEquals(0.1, r.seconds(), 1e-9);
        assertTrue(Double.isNaN(new CpuWork.Run(1, Duration.ofMillis(1), null, null, Duration.ofMillis(1), 1).coresBusy()));
    }

    @Test
    void badSizes_areRejectedWithTheReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new CpuWork(0, 10)).getMessage().contains("units"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new CpuWork(1, 46)).getMessage().contains("45"));
        assertThrows(IllegalArgumentException.class, () -> job.threads(0));
        assertThrows(IllegalArgumentException.class, () -> new CpuWork.Run(1, Duration.ZERO, null, null, Duration.ZERO, 0));
    }

    @Test
    void timeOnCore_isAtMostTheWallTime_andGrowsWithTheWork() {
        CpuWork.fib(25); // warm
        long t0 = System.nanoTime();
        // fib(29) is 29 times the work of fib(22); a pause that is not a wait for a core (a GC, a
        // safepoint) still counts as time on the core, so the small one's best of three is compared
        Duration small = null;
        long smallSum = 0;
        for (int i = 0; i < 3; i++) {
            Duration d = CpuWork.timeOnCore(() -> CpuWork.fib(22));
            smallSum += d.toNanos();
            small = small == null || d.compareTo(small) < 0 ? d : small;
        }
        Duration big = CpuWork.timeOnCore(() -> CpuWork.fib(29));
        long wall = System.nanoTime() - t0;
        assertTrue(smallSum + big.toNanos() <= wall, "3 x fib(22) " + smallSum + " ns + " + big + " within " + wall + " ns");
        assertTrue(big.compareTo(small) > 0, small + " < " + big);
    }

    @Test
    @org.junit.jupiter.api.Timeout(30)
    void timeOnCore_sleepingWork_holdsNoCore() {
        // a platform thread: its CPU time is what held a core, and a sleep holds none
        Duration d = CpuWork.timeOnCore(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(d.compareTo(Duration.ofMillis(100)) < 0, "a 200 ms sleep held a core for " + d);
    }
}
