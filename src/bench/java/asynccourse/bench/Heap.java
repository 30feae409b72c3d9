package asynccourse.bench;

import static asynccourse.loop.Asyncio.createTask;
import static asynccourse.loop.Asyncio.gather;
import static asynccourse.loop.Asyncio.sleep;

import asynccourse.loop.Asyncio;
import asynccourse.loop.Task;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.management.ObjectName;

/**
 * The heap of waiting tasks: heap growth per task, and the class histogram behind it (the
 * JVM's {@code GC.class_histogram}, asked in-process through the DiagnosticCommand MBean).
 *
 * <p>Threading: called by the benchmark's thread. Cancellation: not applicable. Nulls: not
 * applicable.
 */
final class Heap {
    private Heap() {}

    /** Three full GCs: what is left is live. */
    static void gcQuiet() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
    }

    static long used() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The main coroutine of {@code n} tasks sleeping {@code d}; {@code measure} runs once all sleep. */
    static Void sleepers(int n, Duration d, Runnable measure) {
        List<Task<Void>> tasks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            tasks.add(createTask(() -> {
                sleep(d);
                return null;
            }));
        }
        sleep(Duration.ZERO); // every task has started and is sleeping
        if (measure != null) {
            measure.run();
        }
        gather(tasks);
        return null;
    }

    /**
     * Heap bytes per sleeping task: {@code n} tasks asleep, measured inside main, which holds
     * the loop (no task can finish meanwhile, as on CPython's side).
     */
    static double bytesPerSleeper(int n, Duration d) {
        return bytesPerSleeper(n, d, () -> {});
    }

    /** {@link #bytesPerSleeper(int, Duration)}, running {@code alsoAsleep} after the measure, the tasks still asleep. */
    private static double bytesPerSleeper(int n, Duration d, Runnable alsoAsleep) {
        gcQuiet();
        long before = used();
        long[] during = new long[1];
        Asyncio.run(() -> sleepers(n, d, () -> {
            gcQuiet();
            during[0] = used();
            alsoAsleep.run();
        }));
        return (during[0] - before) / (double) n;
    }

    /** Warm-up runs before the histogram, so that the JIT compiled the frames that the stack chunks hold. */
    private static final int WARM_RUNS = 6;

    /**
     * Prints the class histogram of {@code n} sleeping tasks, per task: every class with at
     * least {@code n / 2} instances, after {@value #WARM_RUNS} warm-up runs of the same code;
     * then the heap growth per task, the benchmark's own measure.
     */
    static void printHistogram(int n) {
        Duration d = Duration.ofMillis(300);
        for (int i = 0; i < WARM_RUNS; i++) {
            Asyncio.run(() -> sleepers(n, d, null));
        }
        String[] text = new String[1];
        double growth = bytesPerSleeper(n, d, () -> text[0] = histogram());
        long total = 0;
        StringBuilder sb = new StringBuilder();
        for (String line : text[0].split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 4 || !f[0].endsWith(":")) {
                continue;
            }
            long count = Long.parseLong(f[1]);
            long bytes = Long.parseLong(f[2]);
            if (count >= n / 2) {
                total += bytes;
                sb.append(String.format(Locale.ROOT, "%8.1f B  %6.2f per task  %s%n", bytes / (double) n,
                        count / (double) n, f[3]));
            }
        }
        System.out.print(sb);
        System.out.printf(Locale.ROOT, "%8.1f B per task in all (%d tasks, %s)%n", total / (double) n, n,
                asynccourse.loop.EventLoop.coroutineStacks());
        System.out.printf(Locale.ROOT, "%8.1f B per task of heap growth (the benchmark's measure: also the"
                + " slots of the task list, the timer heap and the ready queue)%n", growth);
    }

    private static String histogram() {
        try {
            return (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {null}, new String[] {String[].class.getName()});
        } catch (Exception e) {
            throw new IllegalStateException("no class histogram: " + e, e);
        }
    }
}
