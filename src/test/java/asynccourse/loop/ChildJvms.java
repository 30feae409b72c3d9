package asynccourse.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a test's {@code main} class in a child JVM with chosen options (the scheduler's
 * parallelism and the export of the continuations are fixed when a JVM starts), and returns
 * what it printed; the child must end within the time given and exit with 0.
 */
final class ChildJvms {
    private ChildJvms() {}

    /** The course kernel's export of the JDK's continuations. */
    static final String EXPORT = asynccourse.KernelOptions.continuationsExport();
    /** The course kernel's one carrier thread for virtual threads. */
    static final String CARRIER = asynccourse.KernelOptions.carrier();

    static String run(Class<?> main, long timeoutMillis, List<String> options, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(options);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        boolean ended = p.waitFor(timeoutMillis, TimeUnit.MILLISECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(ended, "the child JVM did not end: " + out);
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
