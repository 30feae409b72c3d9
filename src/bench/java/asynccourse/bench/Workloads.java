package asynccourse.bench;

import static asynccourse.loop.Asyncio.createTask;
import static asynccourse.loop.Asyncio.gather;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The benchmark's workloads on our side, each writing its raw timed runs into the flat JSON
 * (see {@code NOTES.md} for what each measures and why it warms up as it does).
 *
 * <p>Threading: run one after the other on the benchmark's thread. Cancellation: not
 * applicable. Nulls: not applicable.
 */
final class Workloads {
    /** The pages workload's site: 1,000 pages of 1 KiB, each answered after 200 ms. */
    static final Site PAGES_SITE = new Site("bench", 1000, Duration.ofMillis(200), 1024);
    static final long PAGES_BYTES = (long) PAGES_SITE.pages() * PAGES_SITE.size();
    private static final int PAGES_WARM = 1;
    /** The loop's system property for its timer wait (EventLoop.TIMER_SPIN_PROPERTY): 0 is a plain park. */
    static final String TIMER_SPIN = "asynccourse.loop.timerSpinMicros";

    private final boolean quick;
    private final FlatJson json;
    /** fib: at least this many warm-up runs AND this many ms, then fibRuns timed runs. */
    final int fibWarmMin;
    final int fibWarmMillis;
    final int fibRuns;
    final int sleepWarm;
    final int sleepRuns;
    final int sayRuns;

    Workloads(boolean quick, FlatJson json) {
        this.quick = quick;
        this.json = json;
        int[] r = quick ? new int[] {5, 300, 5, 0, 1, 1} : new int[] {20, 3000, 15, 1, 5, 5};
        fibWarmMin = r[0];
        fibWarmMillis = r[1];
        fibRuns = r[2];
        sleepWarm = r[3];
        sleepRuns = r[4];
        sayRuns = r[5];
        // the same counts for CPython's side (tools/bench.py passes them on as --reps)
        json.put("reps", String.join(",", Arrays.stream(r).mapToObj(String::valueOf).toList()));
    }

    void fib() {
        fib("fib20", Asyncio::run);
        fib("fib20_eager", coro -> Asyncio.run(EventLoop.builder().eagerTasks(true), coro));
    }

    private void fib(String key, Function<Coroutine<Long>, Long> run) {
        json.put(key + "_tasks", run.apply(() -> Fib.withTasksCounted(20).calls()));
        json.put(key + "_warm_runs", warmUp(fibWarmMin, fibWarmMillis, System::nanoTime,
                () -> run.apply(() -> Fib.withTasks(20))));
        json.put(key + "_us_per_task_runs", fibRuns(20, fibRuns, run));
    }

    /** Microseconds per task of {@code runs} timed runs of fib(n) with tasks. */
    static double[] fibRuns(int n, int runs, Function<Coroutine<Long>, Long> run) {
        long tasks = run.apply(() -> Fib.withTasksCounted(n).calls());
        long expected = Fib.plain(n).value();
        double[] us = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            long v = run.apply(() -> Fib.withTasks(n));
            long dt = System.nanoTime() - t0;
            if (v != expected) {
                throw new IllegalStateException("fib(" + n + ") = " + v);
            }
            us[i] = dt / 1e3 / tasks;
        }
        return us;
    }

    /** Runs {@code once} at least {@code minRuns} times AND for at least {@code minMillis}; returns the runs. */
    static int warmUp(int minRuns, long minMillis, LongSupplier nanoClock, Runnable once) {
        long t0 = nanoClock.getAsLong();
        int runs = 0;
        while (runs < minRuns || nanoClock.getAsLong() - t0 < minMillis * 1_000_000L) {
            once.run();
            runs++;
        }
        return runs;
    }

    void sleepers() {
        int n = 100_000;
        Duration d = Duration.ofMillis(100);
        for (int i = 0; i < sleepWarm; i++) {
            Asyncio.run(() -> Heap.sleepers(n, d, null));
        }
        // no System.gc() before the timed runs: a full GC shrinks G1's heap, and the next run
        // would pay for regrowing it (an artefact of forcing the GC, not a cost of the loop)
        double[] wall = new double[sleepRuns];
        for (int i = 0; i < wall.length; i++) {
            long t0 = System.nanoTime();
            Asyncio.run(() -> Heap.sleepers(n, d, null));
            wall[i] = (System.nanoTime() - t0) / 1e6;
        }
        json.put("sleep100k_wall_ms_runs", wall);
        json.put("sleep100k_bytes_per_task", Heap.bytesPerSleeper(n, d));
    }

    /**
     * say_after 1 s + 2 s as tasks, milliseconds over the ideal 2 s, after a warm-up: the loop's
     * deadline-aware timer wait (its default) and a plain park, interleaved run by run, each
     * with the process CPU time the run took (the cost of the wait on an idle loop).
     */
    void sayAfter() {
        Consumer<String> sink = System.err::println;
        String before = System.getProperty(TIMER_SPIN);
        try {
            Asyncio.run(() -> sayMain(sink)); // warm-up
            double[] over = new double[sayRuns];
            double[] cpu = new double[sayRuns];
            double[] overPark = new double[sayRuns];
            double[] cpuPark = new double[sayRuns];
            for (int i = 0; i < sayRuns; i++) {
                System.setProperty(TIMER_SPIN, "0");
                double[] p = sayOnce(sink);
                overPark[i] = p[0];
                cpuPark[i] = p[1];
                restore(before);
                double[] s = sayOnce(sink);
                over[i] = s[0];
                cpu[i] = s[1];
            }
            json.put("say_after_overhead_ms_runs", over);
            json.put("say_after_cpu_ms_runs", cpu);
            json.put("say_after_plain_park_overhead_ms_runs", overPark);
            json.put("say_after_plain_park_cpu_ms_runs", cpuPark);
        } finally {
            restore(before);
        }
    }

    private static void restore(String before) {
        if (before == null) {
            System.clearProperty(TIMER_SPIN);
        } else {
            System.setProperty(TIMER_SPIN, before);
        }
    }

    /**
     * {ms over 2 s, CPU ms of the loop's driver thread from main's start to its end} of one
     * say_after run (the coroutines run on the driver thread, continuations mounted on it).
     */
    private static double[] sayOnce(Consumer<String> sink) {
        long[] cpu = new long[2];
        long t0 = System.nanoTime();
        Asyncio.run(() -> sayMain(sink, cpu));
        double over = (System.nanoTime() - t0) / 1e6 - 2000.0;
        return new double[] {over, (cpu[1] - cpu[0]) / 1e6};
    }

    private static Void sayMain(Consumer<String> sink) {
        return sayMain(sink, new long[2]);
    }

    private static Void sayMain(Consumer<String> sink, long[] cpu) {
        var threads = ManagementFactory.getThreadMXBean();
        cpu[0] = threads.getCurrentThreadCpuTime();
        Task<String> a = createTask(() -> SayAfter.sayAfter(Duration.ofSeconds(1), "hello", sink));
        Task<String> b = createTask(() -> SayAfter.sayAfter(Duration.ofSeconds(2), "world", sink));
        a.await();
        b.await();
        cpu[1] = threads.getCurrentThreadCpuTime();
        return null;
    }

    /** 1,000 pages of 200 ms at once: over the loop's own sockets, and with HttpClient for comparison. */
    void pages() {
        try (PageServer server = PageServer.start(PAGES_SITE)) {
            List<String> urls = new ArrayList<>();
            for (int i = 0; i < PAGES_SITE.pages(); i++) {
                urls.add(server.url(PAGES_SITE, i));
            }
            json.put("pages1000_wall_ms_runs", pagesRuns(urls, "own sockets", u -> () -> sizes(u, RawHttp::get)));
            json.put("pages1000_httpclient_wall_ms_runs", pagesRuns(urls, "HttpClient", u -> () -> {
                try (Downloader web = Downloader.open()) {
                    return sizes(u, url -> web.download(url));
                }
            }));
        }
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

    /** Wall milliseconds of each run after the warm-up, each run fetching every page. */
    private double[] pagesRuns(List<String> urls, String what, Function<List<String>, Coroutine<Long>> fetchAll) {
        int runs = quick ? 1 : 5;
        double[] ms = new double[runs];
        for (int i = 0; i < PAGES_WARM + runs; i++) {
            long t0 = System.nanoTime();
            long bytes = Asyncio.run(fetchAll.apply(urls));
            double dt = (System.nanoTime() - t0) / 1e6;
            if (bytes != PAGES_BYTES) {
                throw new IllegalStateException(what + ": got " + bytes + " bytes, not " + PAGES_BYTES);
            }
            if (i >= PAGES_WARM) {
                ms[i - PAGES_WARM] = dt;
            }
        }
        return ms;
    }

    /**
     * The caller's cost of one log call, each call timed alone with {@code System.nanoTime()}:
     * the fire-and-forget logger (queue large enough that nothing is dropped) against the
     * synchronous logger writing each line; median and p99 in nanoseconds of each.
     */
    void logCall() throws IOException {
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
            Arrays.sort(fire);
            Arrays.sort(sync);
            json.put("log_fire_ns_median", fire[(int) Math.ceil(0.5 * calls) - 1]);
            json.put("log_fire_ns_p99", fire[(int) Math.ceil(0.99 * calls) - 1]);
            json.put("log_sync_ns_median", sync[(int) Math.ceil(0.5 * calls) - 1]);
            json.put("log_sync_ns_p99", sync[(int) Math.ceil(0.99 * calls) - 1]);
        } finally {
            for (String f : new String[] {"fire.log", "sync.log"}) {
                Files.deleteIfExists(dir.resolve(f));
            }
            Files.deleteIfExists(dir);
        }
    }
}
