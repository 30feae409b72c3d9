package asynccourse.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChildJvmTest {
    private static final Duration LONG_ENOUGH = Duration.ofSeconds(60);

    @Test
    void hello_runsInAnotherProcess() {
        ChildJvm.Result r = ChildJvm.run(List.of(), LONG_ENOUGH, "hello");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().startsWith("hello from a child JVM, pid "), r.output());
        assertNotEquals(Long.toString(ProcessHandle.current().pid()), r.output().trim().replaceAll(".* ", ""));
    }

    @Test
    void fib_printsTheValue() {
        ChildJvm.Result r = ChildJvm.run(List.of(), LONG_ENOUGH, "fib", "20");
        assertEquals("fib(20) = 6765", r.output().trim());
    }

    @Test
    void oom_endsOnlyTheChild_withAnErrorStatus() {
        ChildJvm.Result r = ChildJvm.run(List.of("-Xmx32m"), LONG_ENOUGH, "oom");
        assertEquals(1, r.exitCode());
        assertTrue(r.output().contains("OutOfMemoryError"), r.output());
    }

    @Test
    void crash_isAnExitStatus_forTheParent() {
        ChildJvm.Result r = ChildJvm.run(List.of(), LONG_ENOUGH, "crash");
        assertEquals(1, r.exitCode());
        assertTrue(r.output().contains("crashed on purpose"), r.output());
    }

    @Test
    void overTheTimeout_theChildIsKilled() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ChildJvm.run(List.of(), Duration.ofMillis(300), "sleep", "60000"));
        assertTrue(e.getMessage().contains("killed"), e.getMessage());
    }

    @Test
    void command_isThisJava_withTheLibraryOnTheClassPath() {
        List<String> cmd = ChildJvm.command(List.of("-Xmx32m"), "hello");
        assertTrue(cmd.get(0).endsWith("java"));
        assertEquals("-Xmx32m", cmd.get(1));
        assertEquals(ChildMain.class.getName(), cmd.get(4));
        assertEquals("hello", cmd.get(5));
    }
}
