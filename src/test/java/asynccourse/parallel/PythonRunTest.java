package asynccourse.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PythonRunTest {
    private static final String REPORT = """
            python 3.11.7 gil 1
            start processes 1 0.050000
            start processes 2 0.030000
            run processes 1 0.200000 0.190000 0.010000 0.200000 1 42
            run processes 2 0.100000 0.195000 0.005000 0.200000 2 42
            run threads 1 0.200000 0.190000 0.010000 0.200000 1 42
            run threads 2 0.210000 0.200000 0.020000 0.420000 2 42
            """;

    @Test
    void parse_readsVersionGilPoolStartsAndBothCurves() {
        PythonRun r = PythonRun.parse(REPORT, 42);
        assertEquals("3.11.7", r.version());
        assertTrue(r.gil());
        assertEquals(Duration.ofMillis(30), r.poolStart().get(2));
        assertEquals(2.0, r.processes().speedUp(2), 1e-9);
        assertEquals(0.2 / 0.21, r.threads().speedUp(2), 1e-9);
        assertEquals(Duration.ofMillis(200), r.threads().points().get(1).run().cpu());
        assertEquals(2, r.threads().points().get(1).run().threads());
        assertEquals(0.22 / 0.42, r.threads().points().get(1).run().readyShare(), 1e-9);
    }

    @Test
    void parse_unknownSchedulerFigures_becomeNull() {
        PythonRun r = PythonRun.parse(REPORT.replace("0.190000 0.010000", "-1.000000 -1.000000"), 42);
        assertNull(r.threads().points().get(0).run().cpu());
    }

    @Test
    void parse_wrongChecksum_orMissingRuns_saySo() {
        assertTrue(assertThrows(IllegalStateException.class, () -> PythonRun.parse(REPORT, 43))
                .getMessage().contains("expected 43"));
        assertTrue(assertThrows(IllegalStateException.class, () -> PythonRun.parse("python 3.11.7 gil 1\n", 42))
                .getMessage().contains("incomplete"));
        assertTrue(assertThrows(IllegalStateException.class, () -> PythonRun.parse("run threads x\n", 42))
                .getMessage().contains("unreadable"));
    }

    @Test
    void run_theRealScript_onThreadsAndProcesses() {
        Path python = Files.isExecutable(Path.of(".venv/bin/python3")) ? Path.of(".venv/bin/python3") : Path.of("python3");
        System.out.println("PythonRunTest: running bench/cpu_parallel.py with " + python);
        CpuWork job = new CpuWork(4, 15);
        PythonRun r = PythonRun.run(python, PythonRun.locate("bench/cpu_parallel.py"), job, List.of(1, 2), 1,
                Duration.ofSeconds(60));
        assertEquals(List.of(1, 2), r.threads().workers());
        assertEquals(List.of(1, 2), r.processes().workers());
        assertEquals(job.expected(), r.processes().points().get(1).run().checksum());
        assertTrue(r.version().startsWith("3."), r.version());
    }

    @Test
    void run_scriptFails_reportsItsOutput() {
        Path python = Files.isExecutable(Path.of(".venv/bin/python3")) ? Path.of(".venv/bin/python3") : Path.of("python3");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PythonRun.run(python,
                PythonRun.locate("bench/cpu_parallel.py"), new CpuWork(1, 40), List.of(1), 1, Duration.ofSeconds(60)));
        assertTrue(e.getMessage().contains("--n <= 35"), e.getMessage());
    }

    @Test
    void locate_missingFile_saysWhatToDo() {
        assertTrue(assertThrows(IllegalStateException.class, () -> PythonRun.locate("no/such/file"))
                .getMessage().contains("./course setup"));
    }
}
