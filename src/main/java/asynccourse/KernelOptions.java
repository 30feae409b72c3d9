package asynccourse;

import java.util.List;

/**
 * The JVM options of the course's notebook kernel, as pom.xml defines them (the one place they
 * are written; the build copies them into {@code asynccourse/kernel.properties}). Whatever starts
 * a JVM that should behave like the kernel passes {@link #all()}: the benchmark's echo server
 * child, the tests' child JVMs ({@code ./course bench} passes them from the pom itself).
 *
 * <p>Threading: stateless apart from lazily read, immutable values; safe from any thread. Nulls:
 * never returns null.
 *
 * <pre>{@code
 * List<String> cmd = new ArrayList<>(List.of(java));
 * cmd.addAll(KernelOptions.all());
 * }</pre>
 */
public final class KernelOptions {
    private KernelOptions() {}

    private static final class Holder {
        static final String CARRIER = BuildResources.get("kernel.properties", "carrier");
        static final String EXPORT = BuildResources.get("kernel.properties", "export");
    }

    /**
     * One carrier thread for virtual threads: {@code -Djdk.virtualThreadScheduler.parallelism=1}.
     *
     * @return the option, one command-line argument
     */
    public static String carrier() {
        return Holder.CARRIER;
    }

    /**
     * The export of the JDK's continuations to this library, with which the event loop's
     * coroutines run on them: {@code --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED}.
     *
     * @return the option, one command-line argument
     */
    public static String continuationsExport() {
        return Holder.EXPORT;
    }

    /**
     * Every JVM option of the kernel, in order.
     *
     * @return the options, one command-line argument each
     */
    public static List<String> all() {
        return List.of(carrier(), continuationsExport());
    }
}
