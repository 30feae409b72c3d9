package asynccourse.bench;

import static asynccourse.loop.Asyncio.createTask;
import static asynccourse.loop.Asyncio.gather;
import static asynccourse.loop.Asyncio.sleep;

import asynccourse.examples.Fib;
import asynccourse.examples.SayAfter;
import asynccourse.log.FireAndForgetLogger;
import asynccourse.log.LogStats;
import asynccourse.log.SyncLogger;
import asynccourse.loop.Asyncio;
import asynccourse.loop.Coroutine;
import asynccourse.loop.EventLoop;
import asynccourse.loop.Task;
import asynccourse.net.Download;
import asynccourse.net.Downloader;
import asynccourse.net.PageServer;
import asynccourse.net.RawHttp;
import asynccourse.net.Site;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The course benchmark: our event loop against CPython's asyncio on the same workloads,
 * printed as a table and written as JSON.
 *
 * <p>Usage: {@code java -cp target/async-course.jar asynccourse.bench.Benchmark [--python
 * python3] [--script bench/asyncio_bench.py] [--out target/bench.json] [--quick] [--no-python]
 * [--as-is]}. Unless {@code --as-is} is given or the property is already set, it re-runs itself
 * in a child JVM with {@code -Djdk.virtualThreadScheduler.parallelism=1}, the option of the
 * course's kernel (one carrier thread: the loop's hand-overs then never cross cores); the
 * library is correct without it, only slower. The Python script runs as a subprocess (CPython standard library only). Workloads:
 * <ol>
 *   <li>fib(20) with two tasks per call and a gather: microseconds per task (target &le; 2 and
 *       at least 10 times faster than CPython);</li>
 *   <li>100,000 tasks each sleeping 100 ms on the real clock: wall milliseconds (target &le;
 *       300) and heap bytes per sleeping task (target &le; 2048);</li>
 *   <li>say_after 1 s and 2 s as tasks: milliseconds over 2 s after warm-up (target &le; 5);</li>
 *   <li>1,000 pages of 200 ms latency from a local {@link PageServer}, all at once: wall
 *       milliseconds, best run, fetched over the loop's own sockets with {@link RawHttp} (target
 *       &le; 400 and ahead of CPython, whose script fetches the same pages from the same server
 *       with asyncio's streams); the same pages with {@link Downloader} (HttpClient, a fresh
 *       client each run) as a second row, for comparison;</li>
 *   <li>the caller's cost of one log call (Java only, chapter 01): fire-and-forget against a
 *       synchronous write of each line, median and p99 in nanoseconds (target: median &le; 1 µs
 *       and at least 10 times cheaper than the synchronous write).</li>
 * </ol>
 *
 * <p>Threading: a command-line program; runs the workloads one after the other on the calling
 * thread. Cancellation: not applicable. Nulls: not applicable.
 *
 * <pre>{@code
 * java -Djdk.virtualThreadScheduler.parallelism=1 -cp target/async-course.jar \
 *      asynccourse.bench.Benchmark --python python3 --out target/bench.json
 * }</pre>
 */
public final class Benchmark {
    private Benchmark() {}

    /** One row of the table. */
    record Row(String key, String workload, String unit, double ours, Double cpython, String target,
            boolean met) {
        /** CPython / ours (above 1: we are better), or null when there is no sound ratio. */
        Double ratio() {
            return cpython == null || ours <= 0 || cpython <= 0 ? null : cpython / ours;
        }
    }

    /**
     * Warm-up and repetition counts, the same for both sides: the Python script gets them as
     * {@code --reps}. fib: median of the runs; sleepers: best run; say_after: median after one
     * warm-up run.
     */
    record Reps(int fibWarm, int fibRuns, int sleepWarm, int sleepRuns, int sayRuns) {
        static Reps of(boolean quick) {
            return quick ? new Reps(1, 3, 0, 1, 1) : new Reps(5, 11, 1, 5, 3);
        }

        String arg() {
            return fibWarm + "," + fibRuns + "," + sleepWarm + "," + sleepRuns + "," + sayRuns;
        }
    }

    /**
     * Runs the benchmark.
     *
     * @param args see the class comment
     * @throws Exception on I/O failure
     */
    public static void main(String[] args) throws Exception {
        String python = "python3";
        String script = "bench/asyncio_bench.py";
        String out = "target/bench.json";
        boolean quick = false;
        boolean runPython = true;
        boolean asIs = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--as-is" -> asIs = true;
                case "--python" -> python = args[++i];
                case "--script" -> script = args[++i];
                case "--out" -> out = args[++i];
                case "--quick" -> quick = true;
                case "--no-python" -> runPython = false;
                default -> {
                    System.err.println("unknown argument: " + args[i]);
                    System.err.println("usage: Benchmark [--python EXE] [--script PATH] [--out PATH] [--quick] [--no-python]"
                            + " [--as-is]");
                    System.exit(2);
                }
            }
        }
        if (!asIs && System.getProperty(PARALLELISM) == null) {
            System.exit(rerunWithCourseFlags(args));
        }

        System.out.println("Java " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, virtual thread parallelism=" + System.getProperty(PARALLELISM, "default"));
        System.out.println("coroutines run on " + EventLoop.coroutineStacks());
        Reps reps = Reps.of(quick);
        long[] fibTasks = new long[1];
        double fib = benchFib(reps, fibTasks);
        double[] sleep = benchSleepers(reps);
        double say = benchSayAfter(reps);
        PageServer pageServer = PageServer.start(PAGES_SITE);
        double pages = benchPages(pageServer, quick);
        double pagesRaw = benchPagesRaw(pageServer, quick);
        double[] logCall = benchLogCall(quick);

        Map<String, Double> py = Map.of();
        String pyVersion = "not run";
        if (runPython) {
            try {
                String json = runPython(python, script, reps, pagesArg(pageServer, quick));
                Map<String, Double> numbers = parseNumbers(json);
                Double pyTasks = numbers.get("fib20_tasks");
                if (pyTasks == null || pyTasks.longValue() != fibTasks[0]) {
                    throw new IllegalStateException("the two sides ran different workloads: fib(20) made "
                            + fibTasks[0] + " tasks here, " + pyTasks + " in Python");
                }
                py = numbers;
                Matcher m = Pattern.compile("\"python\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
                pyVersion = m.find() ? m.group(1) : "unknown";
            } catch (IOException | RuntimeException e) {
                System.err.println("CPython side not run: " + e.getMessage());
                pyVersion = "failed: " + e.getMessage();
            }
        }
        pageServer.close();
        Double pyPages = py.get("pages1000_wall_ms");
        if (pyPages != null && py.getOrDefault("pages1000_bytes", -1.0).longValue() != PAGES_BYTES) {
            System.err.println("CPython's pages workload fetched " + py.get("pages1000_bytes") + " bytes, not "
                    + PAGES_BYTES + ": its figure is dropped");
            pyPages = null;
        }

        Double pyFib = py.get("fib20_us_per_task");
        List<Row> rows = new ArrayList<>();
        boolean fibMet = fibTargetMet(fib, pyFib);
        rows.add(new Row("fib20_us_per_task", "fib(20), 2 tasks/call + gather", "us/task", fib, pyFib,
                "<= 2 us and >= 10x CPython", fibMet));
        rows.add(new Row("sleep100k_wall_ms", "100,000 tasks sleeping 100 ms", "ms wall", sleep[0],
                py.get("sleep100k_wall_ms"), "<= 300 ms", sleep[0] <= 300));
        rows.add(new Row("sleep100k_bytes_per_task", "  memory per sleeping task", "bytes", sleep[1],
                py.get("sleep100k_bytes_per_task"), "<= 2048 B", sleep[1] <= 2048));
        rows.add(new Row("say_after_overhead_ms", "say_after 1 s + 2 s as tasks", "ms over 2 s", say,
                py.get("say_after_overhead_ms"), "<= 5 ms", say <= 5));
        rows.add(new Row("pages1000_wall_ms", "1,000 pages of 200 ms, own sockets", "ms wall", pagesRaw, pyPages,
                "<= 400 ms, ahead of CPython", pagesTargetMet(pagesRaw, pyPages)));
        rows.add(new Row("pages1000_httpclient_wall_ms", "  same pages with HttpClient", "ms wall", pages, pyPages,
                "comparison only", true));

        addLogCallRows(rows, logCall);

        printTable(rows, pyVersion);
        String json = toJson(rows, pyVersion);
        Path outPath = Path.of(out);
        if (outPath.getParent() != null) {
            Files.createDirectories(outPath.getParent());
        }
        Files.writeString(outPath, json, StandardCharsets.UTF_8);
        System.out.println("written: " + out);
    }

    /**
     * fib's target: at most 2 µs per task and at least 10 times faster than CPython; without a
     * CPython figure the second half is not met, whatever ours is.
     */
    static boolean fibTargetMet(double oursMicros, Double cpythonMicros) {
        return oursMicros <= 2.0 && cpythonMicros != null && cpythonMicros / oursMicros >= 10;
    }

    private static final String PARALLELISM = "jdk.virtualThreadScheduler.parallelism";

    /**
     * Re-runs the benchmark in a child JVM with the course kernel's JVM option (one carrier
     * thread for virtual threads), so that the figures are those the notebooks see.
     */
    private static int rerunWithCourseFlags(String[] args) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>(List.of(java, "-D" + PARALLELISM + "=1",
                "--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), Benchmark.class.getName()));
        cmd.addAll(Arrays.asList(args));
        cmd.add("--as-is");
        System.out.println("re-running in a JVM with -D" + PARALLELISM + "=1 and the continuations exported (the course kernel's options; "
                + "pass --as-is to measure this JVM's own settings)");
        return new ProcessBuilder(cmd).inheritIO().start().waitFor();
    }

    // ------------------------------------------------------------------ workloads

    /** Microseconds per task, median of the timed runs; {@code tasksOut[0]}: tasks per run. */
    static double benchFib(Reps reps, long[] tasksOut) {
        long tasks = Asyncio.run(() -> Fib.withTasksCounted(20)).calls(); // counted outside the timing
        tasksOut[0] = tasks;
        for (int i = 0; i < reps.fibWarm(); i++) {
            Asyncio.run(() -> Fib.withTasks(20));
        }
        double[] us = new double[reps.fibRuns()];
        for (int i = 0; i < us.length; i++) {
            long t0 = System.nanoTime();
            long v = Asyncio.run(() -> Fib.withTasks(20));
            long dt = System.nanoTime() - t0;
            if (v != 6765) {
                throw new IllegalStateException("fib(20) = " + v);
            }
            us[i] = dt / 1e3 / tasks;
        }
        return median(us);
    }

    private static Void sleepers(int n, Duration d, Runnable measure) {
        List<Task<Void>> tasks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            tasks.add(createTask(() -> {
                sleep(d);
                return null;
            }));
        }
        sleep(Duration.ZERO); // every task has started and is sleeping
        if (measure != null) {
            measure.run();
        }
        gather(tasks);
        return null;
    }

    /** Returns {wall ms, bytes per task}. */
    static double[] benchSleepers(Reps reps) {
        int n = 100_000;
        Duration d = Duration.ofMillis(100);
        for (int i = 0; i < reps.sleepWarm(); i++) {
            Asyncio.run(() -> sleepers(n, d, null)); // warm-up
        }
        double best = Double.MAX_VALUE;
        // no System.gc() before the timed runs: a full GC shrinks G1's heap, and the next run would
        // then pay for regrowing it (an artefact of forcing the GC, not a cost of the loop)
        for (int i = 0; i < reps.sleepRuns(); i++) {
            long t0 = System.nanoTime();
            Asyncio.run(() -> sleepers(n, d, null));
            best = Math.min(best, (System.nanoTime() - t0) / 1e6);
        }
        gcQuiet();
        long before = heapUsed();
        long[] during = new long[1];
        // measured inside main, which holds the loop: no task can finish meanwhile, as in Python
        Asyncio.run(() -> sleepers(n, d, () -> {
            gcQuiet();
            during[0] = heapUsed();
        }));
        return new double[] {best, (during[0] - before) / (double) n};
    }

    static double benchSayAfter(Reps reps) {
        Consumer<String> sink = System.err::println;
        Asyncio.run(() -> sayMain(sink)); // warm-up
        double[] over = new double[reps.sayRuns()];
        for (int i = 0; i < over.length; i++) {
            long t0 = System.nanoTime();
            Asyncio.run(() -> sayMain(sink));
            over[i] = (System.nanoTime() - t0) / 1e6 - 2000.0;
        }
        return median(over);
    }

    /** The pages workload's site: 1,000 pages of 1 KiB, each answered after 200 ms. */
    static final Site PAGES_SITE = new Site("bench", 1000, Duration.ofMillis(200), 1024);
    static final long PAGES_BYTES = (long) PAGES_SITE.pages() * PAGES_SITE.size();

    /** Pages: at most 400 ms, and a CPython figure that is higher (no CPython run: not met). */
    static boolean pagesTargetMet(double oursMillis, Double cpythonMillis) {
        return oursMillis <= 400 && cpythonMillis != null && cpythonMillis > oursMillis;
    }

    /** Warm-up runs of the pages workload, both sides. */
    private static final int PAGES_WARM = 1;

    private static int pagesRuns(boolean quick) {
        return quick ? 1 : 5;
    }

    /** {@code --pages BASE_URL,PAGES,WARM,RUNS} for the Python script: the same pages, warm-up and runs. */
    private static String pagesArg(PageServer server, boolean quick) {
        String base = server.url("/site/" + PAGES_SITE.name() + "/");
        return base + "," + PAGES_SITE.pages() + "," + PAGES_WARM + "," + pagesRuns(quick);
    }

    /**
     * Wall milliseconds to download every page of {@link #PAGES_SITE} at once (a task each, one
     * gather), best of the runs after a warm-up; each run opens a fresh {@link Downloader}, so
     * it connects anew as the Python side does.
     */
    static double benchPages(PageServer server, boolean quick) {
        return bestPagesRun(server, quick, "pages", urls -> () -> {
            try (Downloader web = Downloader.open()) {
                return sizes(urls, url -> web.download(url));
            }
        });
    }

    /**
     * Like {@link #benchPages}, over the loop's own sockets: every page with {@link RawHttp#get}
     * (a connection each, HTTP/1.0, as the Python side fetches them), best of the runs after a
     * warm-up.
     */
    static double benchPagesRaw(PageServer server, boolean quick) {
        return bestPagesRun(server, quick, "pages (own sockets)", urls -> () -> sizes(urls, RawHttp::get));
    }

    /** One fetch of a page, as a coroutine step. */
    private interface Fetch {
        Download get(String url) throws Exception;
    }

    /** A task per URL, gathered; the sum of the pages' sizes. */
    private static long sizes(List<String> urls, Fetch fetch) {
        List<Task<Download>> tasks = new ArrayList<>(urls.size());
        for (String url : urls) {
            tasks.add(createTask(() -> fetch.get(url)));
        }
        long sum = 0;
        for (Download d : gather(tasks)) {
            sum += d.size();
        }
        return sum;
    }

    /** Wall milliseconds of the best run after the warm-up, each run fetching every page of {@link #PAGES_SITE}. */
    private static double bestPagesRun(PageServer server, boolean quick, String what,
            Function<List<String>, Coroutine<Long>> fetchAll) {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < PAGES_SITE.pages(); i++) {
            urls.add(server.url(PAGES_SITE, i));
        }
        double best = Double.MAX_VALUE;
        for (int i = 0; i < PAGES_WARM + pagesRuns(quick); i++) {
            long t0 = System.nanoTime();
            long bytes = Asyncio.run(fetchAll.apply(urls));
            double ms = (System.nanoTime() - t0) / 1e6;
            if (bytes != PAGES_BYTES) {
                throw new IllegalStateException(what + ": got " + bytes + " bytes, not " + PAGES_BYTES);
            }
            if (i >= PAGES_WARM) {
                best = Math.min(best, ms);
            }
        }
        return best;
    }

    /**
     * The caller's cost of one log call, each call timed alone with {@code System.nanoTime()}
     * (its own cost included, alike on both sides): the fire-and-forget logger (queue large
     * enough that nothing is dropped) against the synchronous logger writing each line, both on
     * the same temporary folder, one after the other in this run. Returns {fire median, fire p99,
     * sync median, sync p99} in nanoseconds.
     */
    static double[] benchLogCall(boolean quick) throws IOException {
        int warm = quick ? 5_000 : 50_000;
        int calls = quick ? 20_000 : 200_000;
        String line = "2026-11-25 12:00:00.000 INFO step 12345 done, checksum 42";
        Path dir = Files.createTempDirectory("log-bench");
        try {
            long[] fire = new long[calls];
            FireAndForgetLogger ff = FireAndForgetLogger.to(dir.resolve("fire.log")).capacity(warm + calls).open();
            for (int i = 0; i < warm; i++) {
                ff.log(line);
            }
            for (int i = 0; i < calls; i++) {
                long t0 = System.nanoTime();
                ff.log(line);
                fire[i] = System.nanoTime() - t0;
            }
            LogStats st = ff.close(Duration.ofSeconds(30));
            if (st.dropped() != 0 || st.written() != warm + calls) {
                throw new IllegalStateException("the fire-and-forget logger did not write every line: " + st);
            }
            long[] sync = new long[calls];
            try (SyncLogger sl = SyncLogger.open(dir.resolve("sync.log"))) {
                for (int i = 0; i < warm; i++) {
                    sl.log(line);
                }
                for (int i = 0; i < calls; i++) {
                    long t0 = System.nanoTime();
                    sl.log(line);
                    sync[i] = System.nanoTime() - t0;
                }
            }
            return new double[] {percentile(fire, 50), percentile(fire, 99), percentile(sync, 50), percentile(sync, 99)};
        } finally {
            for (String f : new String[] {"fire.log", "sync.log"}) {
                Files.deleteIfExists(dir.resolve(f));
            }
            Files.deleteIfExists(dir);
        }
    }

    /** The log-call rows: fire-and-forget ≤ 1 µs median and ≥ 10× cheaper than the synchronous write. */
    static void addLogCallRows(List<Row> rows, double[] c) {
        double ratio = c[0] > 0 ? c[2] / c[0] : 0;
        rows.add(new Row("log_fire_ns_median", "log call, fire-and-forget: median", "ns/call", c[0], null,
                "<= 1000 ns", c[0] <= 1000));
        rows.add(new Row("log_fire_ns_p99", "  fire-and-forget: p99", "ns/call", c[1], null, "(shown)", true));
        rows.add(new Row("log_sync_ns_median", "log call, synchronous: median", "ns/call", c[2], null, "(shown)",
                true));
        rows.add(new Row("log_sync_ns_p99", "  synchronous: p99", "ns/call", c[3], null, "(shown)", true));
        rows.add(new Row("log_sync_over_fire_median", "  sync / fire-and-forget, median", "x", ratio, null, ">= 10x",
                ratio >= 10));
    }

    static double percentile(long[] xs, int p) {
        long[] s = xs.clone();
        Arrays.sort(s);
        int i = (int) Math.min(s.length - 1, Math.ceil(p / 100.0 * s.length) - 1);
        return s[Math.max(0, i)];
    }

    private static Void sayMain(Consumer<String> sink) {
        Task<String> a = createTask(() -> SayAfter.sayAfter(Duration.ofSeconds(1), "hello", sink));
        Task<String> b = createTask(() -> SayAfter.sayAfter(Duration.ofSeconds(2), "world", sink));
        a.await();
        b.await();
        return null;
    }

    private static void gcQuiet() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    // ------------------------------------------------------------------ python

    private static String runPython(String python, String script, Reps reps, String pages)
            throws IOException, InterruptedException {
        if (!Files.exists(Path.of(script))) {
            throw new IOException("script not found: " + script + " (run from the repository root or pass --script)");
        }
        List<String> cmd = List.of(python, script, "--reps", reps.arg(), "--pages", pages);
        System.out.println("running: " + String.join(" ", cmd));
        // stdout to a file, so that the time limit below holds even if the script hangs;
        // stderr (say_after's words, any traceback) goes to ours
        Path out = Files.createTempFile("asyncio-bench", ".json");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("the Python benchmark did not finish in 10 minutes");
            }
            if (p.exitValue() != 0) {
                throw new IOException("the Python benchmark exited with " + p.exitValue());
            }
            return lastJsonObject(Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static String lastJsonObject(String stdout) throws IOException {
        String line = stdout.strip();
        int brace = line.lastIndexOf('{');
        if (brace < 0) {
            throw new IOException("no JSON in the Python output: " + line);
        }
        return line.substring(brace);
    }

    static Map<String, Double> parseNumbers(String json) {
        Map<String, Double> m = new LinkedHashMap<>();
        Matcher mt = Pattern.compile("\"(\\w+)\"\\s*:\\s*(-?[0-9.eE+-]+)").matcher(json);
        while (mt.find()) {
            m.put(mt.group(1), Double.parseDouble(mt.group(2)));
        }
        return m;
    }

    // ------------------------------------------------------------------ output

    private static String num(double v) {
        return String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.2f", v);
    }

    private static void printTable(List<Row> rows, String pyVersion) {
        String fmt = "%-34s %-12s %10s %10s %8s  %-28s %s%n";
        System.out.println();
        System.out.printf(Locale.ROOT, fmt, "workload", "unit", "ours", "CPython", "ratio", "target", "met?");
        System.out.println("-".repeat(112));
        for (Row r : rows) {
            String py = r.cpython() == null ? "n/a" : num(r.cpython());
            String ratio = r.ratio() == null ? "n/a" : String.format(Locale.ROOT, "%.1fx", r.ratio());
            System.out.printf(Locale.ROOT, fmt, r.workload(), r.unit(), num(r.ours()), py, ratio, r.target(),
                    r.met() ? "yes" : "NO");
        }
        System.out.println("CPython: " + pyVersion + "   (ratio = CPython / ours: above 1 means we are better)");
    }

    private static String toJson(List<Row> rows, String pyVersion) {
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"java\": \"").append(Runtime.version()).append("\",\n");
        sb.append("  \"cores\": ").append(Runtime.getRuntime().availableProcessors()).append(",\n");
        sb.append("  \"virtualThreadParallelism\": \"")
                .append(System.getProperty(PARALLELISM, "default")).append("\",\n");
        sb.append("  \"cpython\": \"").append(pyVersion.replace("\\", "\\\\").replace("\"", "'")).append("\",\n");
        sb.append("  \"workloads\": [\n");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            sb.append("    {\"key\": \"").append(r.key()).append("\", \"workload\": \"").append(r.workload().strip())
                    .append("\", \"unit\": \"").append(r.unit()).append("\", \"ours\": ")
                    .append(String.format(Locale.ROOT, "%.4f", r.ours())).append(", \"cpython\": ")
                    .append(r.cpython() == null ? "null" : String.format(Locale.ROOT, "%.4f", r.cpython()))
                    .append(", \"ratio\": ")
                    .append(r.ratio() == null ? "null" : String.format(Locale.ROOT, "%.3f", r.ratio()))
                    .append(", \"target\": \"").append(r.target()).append("\", \"met\": ").append(r.met()).append('}')
                    .append(i + 1 < rows.size() ? ",\n" : "\n");
        }
        sb.append("  ]\n}\n");
        return sb.toString();
    }
}
