package asynccourse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The kernel's JVM options come from pom.xml through the filtered resource, and the build uses them. */
class KernelOptionsTest {

    @Test
    @Timeout(10)
    void options_areThePomsFilledIn() {
        assertEquals("-Djdk.virtualThreadScheduler.parallelism=1", KernelOptions.carrier());
        assertEquals("--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED", KernelOptions.continuationsExport());
        assertEquals(List.of(KernelOptions.carrier(), KernelOptions.continuationsExport()), KernelOptions.all());
    }

    @Test
    @Timeout(10)
    void surefire_passesTheKernelsOptionToThisJvm() {
        // the default execution passes the export, the one-carrier execution the carrier setting
        List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
        String stacks = System.getProperty("asynccourse.test.expectedStacks");
        org.junit.jupiter.api.Assumptions.assumeTrue(stacks != null,
                "run outside Maven's executions: which option this JVM got is up to whoever started it");
        String expected = stacks.equals("continuations") ? KernelOptions.continuationsExport() : KernelOptions.carrier();
        assertTrue(args.contains(expected), "this JVM's options " + args + " lack " + expected);
    }
}
