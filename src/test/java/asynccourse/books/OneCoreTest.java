package asynccourse.books;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asynccourse.KernelOptions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The one-core demos need a JVM with one carrier thread, so this test starts one. */
class OneCoreTest {
    @Test
    void threadsOnOneCore_readersTakeTurnsPageByPage_neverHashAtOnce() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(List.of(java, KernelOptions.carrier(), "-cp",
                System.getProperty("java.class.path"), "asynccourse.books.OneCoreChild")).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("same=true"), out);
        assertTrue(out.contains("lanes=[thread 1 · book 1, thread 2 · book 2]"), out);
        assertTrue(out.contains("waits1=5"), "a wait for the core after each page but the last: " + out);
        assertTrue(out.contains("waits2=5"), out);
        assertTrue(out.contains("overlap=false"), out);
        assertTrue(out.contains("overlapLanes=[thread 1 · disk read, thread 2 · book 1]"), out);
        assertTrue(out.contains("overlapAtLeastRead=true"), out);
        assertTrue(out.contains("quiz=measured: one book ") && out.contains("3 books on 3 threads on one core"), out);
    }
}
