package asynccourse.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CpuTimeTest {
    private static final long WORK_NANOS = 30_000_000;

    /** Spins until this thread has used {@code nanos} of CPU by its own clock. */
    private static void burn(long nanos) {
        var mx = ManagementFactory.getThreadMXBean();
        long end = mx.getCurrentThreadCpuTime() + nanos;
        while (mx.getCurrentThreadCpuTime() < end) {
            Thread.onSpinWait();
        }
    }

    @Test
    void threadNanos_threadThatComputed_countsItsWork_andTheWaiterUsedLittle() throws Exception {
        CountDownLatch computed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread worker = Thread.ofPlatform().start(() -> {
            burn(WORK_NANOS);
            computed.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread waiter = Thread.ofPlatform().start(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            computed.await();
            long worked = CpuTime.threadNanos(worker);
            long waited = CpuTime.threadNanos(waiter);
            assertTrue(worked >= WORK_NANOS, "worker: " + worked + " ns");
            assertTrue(waited >= 0 && waited < worked / 2, "waiter: " + waited + " ns, worker: " + worked + " ns");
        } finally {
            release.countDown();
            worker.join();
            waiter.join();
        }
    }

    @Test
    void processNanos_includesEveryThreadsWork() throws Exception {
        long p0 = CpuTime.processNanos();
        Thread worker = Thread.ofPlatform().start(() -> burn(WORK_NANOS));
        worker.join();
        long p1 = CpuTime.processNanos();
        assertTrue(p0 >= 0, "process CPU time known on HotSpot: " + p0);
        // On Linux the JVM reads the process's CPU time in clock ticks (10 ms at the usual USER_HZ of 100)
        assertTrue(p1 - p0 >= WORK_NANOS - 10_000_000, "grew by " + (p1 - p0) + " ns");
    }

    @Test
    void threadNanos_virtualOrEndedThread_isUnknown() throws Exception {
        AtomicLong own = new AtomicLong();
        Thread virtual = Thread.ofVirtual().start(() -> own.set(CpuTime.threadNanos(Thread.currentThread())));
        virtual.join();
        assertEquals(-1, own.get());
        Thread ended = Thread.ofPlatform().start(() -> {});
        ended.join();
        assertEquals(-1, CpuTime.threadNanos(ended));
    }
}
