package asynccourse.twin;

import asynccourse.loop.Asyncio;
import asynccourse.loop.Coroutine;
import asynccourse.loop.EventLoop;
import asynccourse.parallel.PythonRun;
import asynccourse.trace.TraceEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a demo twice, as asyncio Python and as Java, both on virtual clocks and traced in the same
 * format ("0.000 main WAITING sleep 1.000s"), and compares the traces.
 *
 * <p>The Python side is a program's text that defines {@code async def main()}; it runs in a child
 * process of the project's own Python ({@code .venv/bin/python3}, or {@code $COURSE_PYTHON}) through
 * {@code notebooks/asyncio_twin.py}: asyncio's own event loop, with a virtual clock and a tracer.
 * The Java side runs with {@code runTraced} on a virtual clock. A Python that cannot start, a
 * program that does not compile or waits forever, is reported in the result, never thrown.
 *
 * <pre>{@code
 * TwinResult r = LiveTwin.compare("""
 *         async def main():
 *             await asyncio.sleep(1)
 *         """, () -> { sleep(Duration.ofSeconds(1)); return null; });
 * System.out.println(r.verdict());   // identical: 4 lines ...
 * }</pre>
 *
 * <p>Threading: {@link #compare} blocks the caller until both sides have run (the Python side at
 * most {@link #PYTHON_LIMIT}; then it is killed). Cancellation: an interrupt kills the Python
 * process. Nulls: not accepted.
 */
public final class LiveTwin {
    /** How long the Python side may take before it is killed: 30 s (a twin runs on a virtual clock, in well under a second). */
    public static final Duration PYTHON_LIMIT = Duration.ofSeconds(30);

    private LiveTwin() {}

    /**
     * Runs both sides and compares their traces.
     *
     * @param python the asyncio program, defining {@code async def main()}
     * @param java the Java main coroutine
     * @return both traces and the verdict
     */
    public static TwinResult compare(String python, Coroutine<?> java) {
        Objects.requireNonNull(python, "python");
        Objects.requireNonNull(java, "java");
        List<String> javaTrace = javaTrace(java);
        PythonSide py = runPython(python);
        return new TwinResult(py.version, py.trace, javaTrace, py.output, py.problem);
    }

    /**
     * The Java side's trace in the twin format: one line per event of {@code runTraced} on a
     * virtual clock; a failure's exception is left out (Java's and Python's differ by nature).
     *
     * @param java the main coroutine
     * @return the trace lines
     */
    public static List<String> javaTrace(Coroutine<?> java) {
        EventLoop.Builder b = EventLoop.builder().virtualClock().trace(true);
        List<TraceEvent> events;
        EventLoop[] loop = new EventLoop[1];
        try {
            events = Asyncio.runTraced(b.beforeEachIteration(l -> loop[0] = l), java).timeline().events();
        } catch (RuntimeException e) {
            events = loop[0] == null ? List.of() : loop[0].timeline().events(); // main failed: the trace shows it
        }
        List<String> lines = new ArrayList<>(events.size());
        for (TraceEvent e : events) {
            String head = String.format(Locale.ROOT, "%.3f %s %s", e.seconds(), e.task(), e.kind());
            lines.add(e.kind() == TraceEvent.Kind.WAITING && !e.detail().isEmpty() ? head + " " + e.detail() : head);
        }
        return lines;
    }

    /** What the Python side gave: its version, trace and output, or why it did not run. */
    record PythonSide(String version, List<String> trace, List<String> output, String problem) {}

    static PythonSide runPython(String source) {
        Path python;
        Path module;
        try {
            String chosen = System.getenv("COURSE_PYTHON");
            python = chosen != null && !chosen.isBlank() ? Path.of(chosen) : PythonRun.locate(".venv/bin/python3");
            module = PythonRun.locate("notebooks/asyncio_twin.py");
        } catch (IllegalStateException e) {
            return failed("the project's Python was not found: " + e.getMessage());
        }
        return runPython(python, module, source, PYTHON_LIMIT);
    }

    static PythonSide runPython(Path python, Path module, String source, Duration limit) {
        if (!Files.isExecutable(python)) {
            return failed(python + " is not an executable Python. Run ./course setup --no-lab in the course folder"
                    + " (it makes the project's .venv), then run this cell again.");
        }
        Process p;
        try {
            p = new ProcessBuilder(python.toString(), module.toString()).start();
        } catch (IOException e) {
            return failed("Python could not start (" + python + ": " + e.getMessage()
                    + "). Run ./course setup --no-lab in the course folder, then run this cell again.");
        }
        try {
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            try (OutputStream in = p.getOutputStream()) {
                in.write(source.getBytes(StandardCharsets.UTF_8));
            }
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                return failed("the Python side did not finish within " + limit.toSeconds()
                        + " s and was stopped (a twin runs on a virtual clock: does it compute forever?)");
            }
            if (p.exitValue() != 0) {
                String why = err.join().strip();
                String last = why.isEmpty() ? "" : why.substring(why.lastIndexOf('\n') + 1);
                return failed("Python ended with exit code " + p.exitValue() + (last.isEmpty() ? "" : ": " + last));
            }
            return parse(out.join());
        } catch (IOException e) {
            return failed("could not talk to Python: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("interrupted while the Python side ran");
        } finally {
            p.destroyForcibly();
        }
    }

    /** Reads asyncio_twin.py's tagged lines: V version, T trace, O output, E error. */
    static PythonSide parse(String text) {
        String version = "?";
        List<String> trace = new ArrayList<>();
        List<String> output = new ArrayList<>();
        StringBuilder error = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.length() < 2 || line.charAt(1) != ' ') {
                continue;
            }
            String rest = line.substring(2);
            switch (line.charAt(0)) {
                case 'V' -> version = rest;
                case 'T' -> trace.add(rest);
                case 'O' -> output.add(rest);
                case 'E' -> error.append(error.isEmpty() ? "" : " ").append(rest);
                default -> { }
            }
        }
        String problem = error.isEmpty() ? null : "the Python side did not run: " + error;
        return new PythonSide(version, trace, output, problem);
    }

    private static PythonSide failed(String why) {
        return new PythonSide("?", List.of(), List.of(), why);
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
