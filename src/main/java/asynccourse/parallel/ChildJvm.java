package asynccourse.parallel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Starts a child JVM with {@link ProcessBuilder}: the same {@code java} as this one, the course's
 * library on its class path, running {@link ChildMain}. A child has its own heap, threads and
 * fate: if it runs out of memory or crashes, only it ends, and the parent reads its exit status.
 *
 * <p>Threading: {@link #run} blocks the calling thread until the child has exited (or the
 * timeout has passed: then the child is killed and {@link IllegalStateException} is thrown).
 * Cancellation: an interrupt kills the child and throws {@link IllegalStateException} with the
 * interrupt flag set. Nulls: not accepted.
 *
 * <pre>{@code
 * ChildJvm.Result r = ChildJvm.run(List.of("-Xmx32m"), Duration.ofSeconds(30), "oom");
 * r.exitCode();   // 1: the child ran out of memory; this JVM carries on
 * }</pre>
 */
public final class ChildJvm {
    private ChildJvm() {}

    /**
     * What a child did.
     *
     * @param exitCode its exit status (0 for success)
     * @param output what it printed, standard output and standard error together
     * @param elapsed from start to exit, as seen by the parent
     */
    public record Result(int exitCode, String output, Duration elapsed) {}

    /**
     * The command that starts a child: {@code java}, the options, the class path, {@link ChildMain}
     * and the arguments.
     *
     * @param jvmOptions options such as {@code -Xmx32m}
     * @param args the child's arguments (see {@link ChildMain})
     * @return the command
     */
    public static List<String> command(List<String> jvmOptions, String... args) {
        Objects.requireNonNull(jvmOptions, "jvmOptions");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(classPath());
        cmd.add(ChildMain.class.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Where this library was loaded from (the jar, or the classes folder in a build). */
    static String classPath() {
        try {
            var source = ChildMain.class.getProtectionDomain().getCodeSource();
            if (source != null && source.getLocation() != null) {
                return Path.of(source.getLocation().toURI()).toString();
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through to the class path of this JVM
        }
        return System.getProperty("java.class.path");
    }

    /**
     * Starts a child, waits for it to exit, and returns its exit status and output.
     *
     * @param jvmOptions options such as {@code -Xmx32m}
     * @param timeout how long the child may run
     * @param args the child's arguments (see {@link ChildMain})
     * @return what it did
     * @throws IllegalStateException if it could not be started, ran over the timeout, or the
     *         wait was interrupted (the child is killed in the last two cases)
     */
    public static Result run(List<String> jvmOptions, Duration timeout, String... args) {
        Objects.requireNonNull(timeout, "timeout");
        List<String> cmd = command(jvmOptions, args);
        long t0 = System.nanoTime();
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start a child JVM (" + cmd.get(0) + "): " + e.getMessage(), e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = Thread.ofVirtual().start(() -> copy(p.getInputStream(), out));
        try {
            if (!p.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("the child JVM ran over its " + timeout.toMillis() + " ms and was killed: " + cmd);
            }
            long elapsed = System.nanoTime() - t0;
            reader.join(Duration.ofSeconds(5));
            return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8), Duration.ofNanos(elapsed));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the child JVM; it was killed", e);
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
