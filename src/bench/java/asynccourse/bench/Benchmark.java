package asynccourse.bench;

import asynccourse.loop.EventLoop;
import asynccourse.net.PageServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JVM side of the course benchmark: runs our event loop's workloads and prints their raw
 * figures (every timed run, no statistics) as one flat JSON object; {@code tools/bench.py}
 * runs it, runs CPython's side ({@code bench/asyncio_bench.py}), and does the comparison, the
 * targets, the tables and the JSON file. Built from {@code src/bench/java} into
 * {@code target/bench-classes}, not into the kernel's jar.
 *
 * <p>Usage: {@code java <kernel options> -cp target/async-course.jar:target/bench-classes
 * asynccourse.bench.Benchmark [--quick] [--scaling] [--out FILE]}, or
 * {@code ... Benchmark --serve-pages} (starts the pages workload's server, prints its URL as
 * JSON on one line and serves until its standard input ends: CPython's side fetches the same
 * pages from it), or {@code ... Benchmark --histogram N} (N tasks asleep, then the heap's class
 * histogram per task), or {@code ... Benchmark --connections-only} (the scaling table's
 * loopback connections alone). The workloads are described in {@code NOTES.md} beside this file.
 *
 * <p>Threading: a command-line program; runs the workloads one after the other on the calling
 * thread. Cancellation: not applicable. Nulls: not applicable.
 */
public final class Benchmark {
    private Benchmark() {}

    /**
     * Runs the benchmark.
     *
     * @param args see the class comment
     * @throws Exception on I/O failure
     */
    public static void main(String[] args) throws Exception {
        boolean quick = false;
        boolean scaling = false;
        String out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--scaling" -> scaling = true;
                case "--out" -> out = args[++i];
                case "--serve-pages" -> {
                    servePages();
                    return;
                }
                case "--connections-only" -> {
                    FlatJson json = new FlatJson();
                    new Scaling(false, json).connections();
                    System.out.println(json);
                    return;
                }
                case "--serve-echo" -> {
                    Scaling.serveEcho();
                    return;
                }
                case "--histogram" -> {
                    Heap.printHistogram(Integer.parseInt(args[++i]));
                    return;
                }
                default -> {
                    System.err.println("unknown argument: " + args[i]);
                    System.err.println("usage: Benchmark [--quick] [--scaling] [--out FILE] | --serve-pages"
                            + " | --connections-only | --serve-echo | --histogram N");
                    System.exit(2);
                }
            }
        }
        FlatJson json = new FlatJson();
        json.put("java", Runtime.version().toString());
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.put("virtual_thread_parallelism",
                System.getProperty("jdk.virtualThreadScheduler.parallelism", "default"));
        json.put("coroutine_stacks", EventLoop.coroutineStacks());
        Workloads w = new Workloads(quick, json);
        w.fib();
        Floors.measure(json, w.fibWarmMin, w.fibWarmMillis, w.fibRuns);
        w.sleepers();
        w.sayAfter();
        w.pages();
        w.logCall();
        if (scaling) {
            new Scaling(quick, json).all();
        }
        String text = json.toString();
        if (out != null) {
            Path p = Path.of(out);
            if (p.getParent() != null) {
                Files.createDirectories(p.getParent());
            }
            Files.writeString(p, text + "\n", StandardCharsets.UTF_8);
        }
        System.out.println(text);
    }

    /** Serves the pages workload's site until standard input ends; prints its URL first. */
    private static void servePages() throws IOException {
        try (PageServer server = PageServer.start(Workloads.PAGES_SITE)) {
            FlatJson json = new FlatJson();
            json.put("pages_url", server.url("/site/" + Workloads.PAGES_SITE.name() + "/"));
            json.put("pages", Workloads.PAGES_SITE.pages());
            json.put("pages_bytes", Workloads.PAGES_BYTES);
            System.out.println(json);
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until the caller closes our standard input
            }
        }
    }
}
