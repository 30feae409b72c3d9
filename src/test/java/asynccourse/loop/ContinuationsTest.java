package asynccourse.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which coroutine stacks the suite runs on: Maven runs it twice, once with the continuations
 * exported and once without (a virtual thread per task), and each execution says which one it
 * expects ({@code asynccourse.test.expectedStacks}), so neither can quietly test the other.
 */
class ContinuationsTest {

    @Test
    void suite_runsOnTheStacksItsExecutionExpects() {
        String expected = System.getProperty("asynccourse.test.expectedStacks");
        assumeTrue(expected != null, () -> "run outside Maven's executions: no -Dasynccourse.test.expectedStacks "
                + "says which stacks to expect (this JVM uses " + EventLoop.coroutineStacks() + ")");
        assertTrue(EventLoop.coroutineStacks().startsWith(expected), EventLoop.coroutineStacks());
        assertEquals(expected.equals("continuations"), Continuations.IN_USE);
    }

    @Test
    void noContinuations_saysWhyAndHowToGetThem() throws Exception {
        String out = childJvm(List.of("-Dasynccourse.coroutines=continuations"));
        assertTrue(out.contains(ChildJvms.EXPORT), out);
        String threads = childJvm(List.of(ChildJvms.EXPORT,
                "-Dasynccourse.coroutines=threads"));
        assertTrue(threads.contains("virtual threads (one per task), because -Dasynccourse.coroutines=threads"), threads);
        String cont = childJvm(List.of(ChildJvms.EXPORT));
        assertTrue(cont.contains("continuations (jdk.internal.vm.Continuation"), cont);
        assertTrue(cont.contains("6765"), cont);
    }

    private static String childJvm(List<String> options) throws Exception {
        return ChildJvms.run(Probe.class, 60_000, options);
    }

    /** The child JVM's program: says which stacks it uses and runs fib(20) with tasks. */
    static final class Probe {
        public static void main(String[] args) {
            try {
                System.out.println(EventLoop.coroutineStacks());
                System.out.println(Asyncio.run(() -> asynccourse.examples.Fib.withTasks(20)));
            } catch (Throwable e) {
                System.out.println(e);
                Throwable c = e.getCause();
                if (c != null) {
                    System.out.println(c);
                }
            }
        }
    }
}
