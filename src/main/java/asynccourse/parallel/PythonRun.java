package asynccourse.parallel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The CPython side of chapter 07: runs {@code bench/cpu_parallel.py} (the same {@link CpuWork}
 * job on CPython threads and on a {@code multiprocessing.Pool}) in a child process and reads
 * its report.
 *
 * <p>Threading: {@link #run} blocks the calling thread until the script has finished (at most
 * the timeout; then the script is killed). Cancellation: an interrupt kills the script.
 * Nulls: not accepted. Bad input (a missing Python or script, a report that does not add up)
 * throws {@link IllegalStateException} saying what was wrong.
 *
 * <pre>{@code
 * PythonRun py = PythonRun.run(PythonRun.locate(".venv/bin/python3"), PythonRun.locate("bench/cpu_parallel.py"),
 *         new CpuWork(12, 25), List.of(1, 2), 3, Duration.ofSeconds(50));
 * py.threads().speedUp(2);     // about 1 with the GIL
 * py.processes().speedUp(2);   // about 2 on two idle cores
 * }</pre>
 *
 * @param version the Python version, e.g. "3.11.7"
 * @param gil whether the GIL was on (false only on a free-threaded build run without it)
 * @param poolStart how long starting each pool took, by number of processes
 * @param threads the job on threads
 * @param processes the job on pools of processes
 */
public record PythonRun(String version, boolean gil, Map<Integer, Duration> poolStart, SpeedUp threads,
        SpeedUp processes) {

    /**
     * Validates the report.
     *
     * @param version not null
     * @param gil the GIL's state
     * @param poolStart not null
     * @param threads not null
     * @param processes not null
     */
    public PythonRun {
        Objects.requireNonNull(version, "version");
        poolStart = Map.copyOf(Objects.requireNonNull(poolStart, "poolStart"));
        Objects.requireNonNull(threads, "threads");
        Objects.requireNonNull(processes, "processes");
    }

    /**
     * Finds a file of the course from a notebook's folder or from the project's root: tries
     * {@code ../relative}, then {@code relative}.
     *
     * @param relative a path inside the project, e.g. {@code ".venv/bin/python3"}
     * @return the file
     * @throws IllegalStateException if neither exists, with what to do
     */
    public static Path locate(String relative) {
        Objects.requireNonNull(relative, "relative");
        for (Path p : List.of(Path.of("..", relative), Path.of(relative))) {
            if (Files.exists(p)) {
                return p.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException(relative + " was not found (looked in " + Path.of("").toAbsolutePath()
                + " and its parent). Run ./course setup --no-lab in the course folder, then run this cell again.");
    }

    /**
     * Runs the script and reads its report.
     *
     * @param python the interpreter, e.g. the project's {@code .venv/bin/python3}
     * @param script {@code bench/cpu_parallel.py}
     * @param job the job: its units and n go to the script (n at most 35), its checksum is checked
     * @param workers the worker counts, including 1
     * @param rounds measured rounds (after one warm-up round)
     * @param timeout how long the script may run
     * @return the report
     */
    public static PythonRun run(Path python, Path script, CpuWork job, List<Integer> workers, int rounds, Duration timeout) {
        Objects.requireNonNull(python, "python");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(workers, "workers");
        Objects.requireNonNull(timeout, "timeout");
        List<String> cmd = List.of(python.toString(), script.toString(), "--units", Integer.toString(job.units()),
                "--n", Integer.toString(job.n()), "--workers",
                workers.stream().map(String::valueOf).collect(Collectors.joining(",")), "--rounds", Integer.toString(rounds));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + python + ": " + e.getMessage()
                    + ". Run ./course setup --no-lab in the course folder.", e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = Thread.ofVirtual().start(() -> copy(p.getInputStream(), out));
        try {
            if (!p.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IllegalStateException("the Python script ran over " + timeout.toSeconds() + " s and was killed: " + cmd);
            }
            reader.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the Python script ran; it was killed", e);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IllegalStateException("the Python script failed (exit status " + p.exitValue() + "):\n" + text);
        }
        return parse(text, job.expected());
    }

    /**
     * Reads the script's report (see {@code bench/cpu_parallel.py} for its lines).
     *
     * @param report the script's output
     * @param expectedChecksum what every run must add up to
     * @return the report
     * @throws IllegalStateException if a line is missing or a checksum is wrong
     */
    static PythonRun parse(String report, long expectedChecksum) {
        String version = null;
        Boolean gil = null;
        Map<Integer, Duration> starts = new TreeMap<>();
        Map<String, Map<Integer, CpuWork.Run>> runs = new LinkedHashMap<>();
        runs.put("threads", new TreeMap<>());
        runs.put("processes", new TreeMap<>());
        for (String line : report.split("\\R")) {
            String[] f = line.trim().split("\\s+");
            try {
                switch (f[0]) {
                    case "python" -> {
                        version = f[1];
                        gil = "1".equals(f[3]);
                    }
                    case "start" -> starts.put(Integer.parseInt(f[2]), seconds(f[3]));
                    case "run" -> {
                        Map<Integer, CpuWork.Run> mode = runs.get(f[1]);
                        long checksum = Long.parseLong(f[8]);
                        if (mode == null) {
                            throw new IllegalStateException("unknown mode " + f[1]);
                        }
                        if (checksum != expectedChecksum) {
                            throw new IllegalStateException("the " + f[1] + " run with " + f[2] + " workers added up to "
                                    + checksum + ", expected " + expectedChecksum);
                        }
                        double cpu = Double.parseDouble(f[4]);
                        double waited = Double.parseDouble(f[5]);
                        mode.put(Integer.parseInt(f[2]), new CpuWork.Run(checksum, seconds(f[3]),
                                cpu < 0 ? null : seconds(f[4]), waited < 0 ? null : seconds(f[5]), seconds(f[6]),
                                Integer.parseInt(f[7])));
                    }
                    default -> { } // blank lines and anything new: ignored
                }
            } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
                throw new IllegalStateException("unreadable line in the Python report: '" + line + "'", e);
            }
        }
        if (version == null || runs.get("threads").isEmpty() || runs.get("processes").isEmpty()) {
            throw new IllegalStateException("the Python report is incomplete (no version line, or no runs):\n" + report);
        }
        return new PythonRun(version, gil, starts, SpeedUp.of(runs.get("threads")), SpeedUp.of(runs.get("processes")));
    }

    private static Duration seconds(String s) {
        return Duration.ofNanos(Math.round(Double.parseDouble(s) * 1e9));
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
