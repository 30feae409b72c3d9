package asynccourse.parallel;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The calling thread's CPU time (from the JVM, exact) and, on Linux, how long it has been ready
 * to run but waited for a free core: its run-queue delay, from {@code /proc/thread-self/schedstat}
 * (brought up to date whenever the thread gets a core, so exact when the thread itself reads it).
 * Elsewhere (macOS, Windows) both are reported unknown.
 *
 * <p>Threading: each call reads the calling thread's own figures. Cancellation and nulls: not
 * applicable.
 */
final class SchedStat {
    private static final Path SELF = Path.of("/proc/thread-self/schedstat");
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean AVAILABLE = Files.isReadable(SELF) && THREADS.isCurrentThreadCpuTimeSupported();

    private SchedStat() {}

    /** Tells whether the figures are available on this system. */
    static boolean available() {
        return AVAILABLE;
    }

    /**
     * Returns the calling platform thread's CPU time so far, or -1 on a virtual thread (which has
     * none of its own) or where the JVM does not report it.
     */
    static long threadCpuNanos() {
        return CpuTime.threadNanos(Thread.currentThread());
    }

    /**
     * Returns how long the calling OS thread has waited for a free core so far (for a virtual
     * thread: its carrier's), or -1 when unavailable.
     */
    static long waitedNanos() {
        if (!Files.isReadable(SELF)) {
            return -1;
        }
        try {
            return Long.parseLong(Files.readString(SELF).trim().split("\\s+")[1]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Reads the calling thread's figures into {@code into}: {cpu nanoseconds, waited-for-a-core
     * nanoseconds}; both -1 when unavailable.
     */
    static void read(long[] into) {
        into[0] = -1;
        into[1] = -1;
        if (!AVAILABLE) {
            return;
        }
        try {
            String[] f = Files.readString(SELF).trim().split("\\s+");
            into[0] = THREADS.getCurrentThreadCpuTime();
            into[1] = Long.parseLong(f[1]);
        } catch (IOException | RuntimeException e) {
            into[0] = -1;
            into[1] = -1;
        }
    }
}
