package asynccourse.parallel;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time, as the JVM reports it: of the whole process, or of one platform thread. CPU time
 * tells where work ran, which wall-clock time cannot on a busy or slow machine: a thread that
 * computed used CPU, a thread that waited did not.
 *
 * <p>Threading: any thread may call. Cancellation: not applicable. Nulls: a null thread is
 * rejected with {@link NullPointerException}. Where the JVM cannot tell (another JVM, a virtual
 * thread, a thread that has ended), the methods return -1 and never throw.
 */
public final class CpuTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuTime() {}

    /**
     * Returns the CPU time of the whole JVM so far.
     *
     * @return nanoseconds, or -1 when the JVM cannot tell; on Linux counted in clock ticks, so a
     *     difference of two readings is off by up to 10 ms (at the usual 100 ticks a second)
     */
    public static long processNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /**
     * Returns the CPU time a platform thread has used so far.
     *
     * @param thread the thread asked about
     * @return nanoseconds, or -1 when the JVM cannot tell: a virtual thread (which has none of its
     *     own), a thread not started or already ended
     */
    public static long threadNanos(Thread thread) {
        if (thread.isVirtual() || !THREADS.isThreadCpuTimeSupported()) {
            return -1;
        }
        try {
            return THREADS.getThreadCpuTime(thread.threadId());
        } catch (UnsupportedOperationException e) {
            return -1;
        }
    }
}
