package asynccourse.bench;

import static asynccourse.loop.Asyncio.createTask;
import static asynccourse.loop.Asyncio.gather;

import asynccourse.KernelOptions;
import asynccourse.loop.Asyncio;
import asynccourse.loop.Connection;
import asynccourse.loop.Server;
import asynccourse.loop.Task;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How the cost grows with the work: sleepers at 10,000, 100,000 and 1,000,000 tasks (wall time
 * and heap bytes per task), fib(n) with tasks for n = 15, 20 and 25 (microseconds per task),
 * and loopback connections held open by one loop at 1,000 and 10,000 (heap bytes per
 * connection, and the time to echo one message on each). The echo server runs in a child JVM
 * ({@code --serve-echo}), so the measured loop holds one socket per connection.
 *
 * <p>Threading: run on the benchmark's thread. Cancellation: not applicable. Nulls: not
 * applicable.
 */
final class Scaling {
    static final int[] SLEEPERS = {10_000, 100_000, 1_000_000};
    static final int[] FIB = {15, 20, 25};
    static final int[] CONNECTIONS = {1_000, 10_000};
    private static final byte[] MESSAGE = "ping 0123456789abcdef\n".getBytes(StandardCharsets.US_ASCII);

    private final boolean quick;
    private final FlatJson json;

    Scaling(boolean quick, FlatJson json) {
        this.quick = quick;
        this.json = json;
    }

    /** How long the echo server gets to end once its standard input is closed. */
    private static final long ECHO_EXIT_SECONDS = 30;

    void all() throws IOException, InterruptedException {
        for (int n : SLEEPERS) {
            sleepers(n);
        }
        for (int n : FIB) {
            Workloads.warmUp(3, quick ? 200 : 1000, System::nanoTime,
                    () -> Workloads.fibRuns(n, 1, Asyncio::run));
            json.put("fib" + n + "_scaling_us_per_task_runs", Workloads.fibRuns(n, quick ? 1 : 5, Asyncio::run));
        }
        connections();
    }

    private void sleepers(int n) {
        Duration d = Duration.ofMillis(100);
        Asyncio.run(() -> Heap.sleepers(n, d, null)); // warm-up at this size
        double[] wall = new double[quick ? 1 : 3];
        for (int i = 0; i < wall.length; i++) {
            long t0 = System.nanoTime();
            Asyncio.run(() -> Heap.sleepers(n, d, null));
            wall[i] = (System.nanoTime() - t0) / 1e6;
        }
        json.put("sleep" + n + "_wall_ms_runs", wall);
        json.put("sleep" + n + "_bytes_per_task", Heap.bytesPerSleeper(n, d));
    }

    void connections() throws IOException, InterruptedException {
        Process server = startEchoServer();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(),
                StandardCharsets.UTF_8))) {
            int port = Integer.parseInt(out.readLine().trim());
            for (int n : CONNECTIONS) {
                try {
                    double[] r = Asyncio.run(() -> holdAndEcho(port, n));
                    json.put("conn" + n + "_bytes_per_conn", r[0]);
                    json.put("conn" + n + "_echo_ms", r[1]);
                } catch (RuntimeException e) {
                    json.put("conn" + n + "_error", String.valueOf(e));
                    System.err.println(n + " connections: " + e);
                }
            }
        } finally {
            server.getOutputStream().close(); // the child serves until its standard input ends
            if (!server.waitFor(ECHO_EXIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS)) {
                System.err.println("the echo server did not end within " + ECHO_EXIT_SECONDS + " s: killed");
                json.put("echo_server_killed", 1);
                server.destroyForcibly();
            }
        }
    }

    /** Opens {@code n} connections (kept open), then echoes one message on each at once: {bytes/conn, wall ms}. */
    private static double[] holdAndEcho(int port, int n) {
        Heap.gcQuiet();
        long before = Heap.used();
        List<Connection> conns = new ArrayList<>(n);
        try {
            for (int i = 0; i < n; i++) {
                conns.add(Asyncio.openConnection("127.0.0.1", port));
            }
            Heap.gcQuiet();
            double bytes = (Heap.used() - before) / (double) n;
            long t0 = System.nanoTime();
            List<Task<Integer>> echoes = new ArrayList<>(n);
            for (Connection c : conns) {
                echoes.add(createTask(() -> {
                    c.writer().write(MESSAGE);
                    c.writer().drain();
                    return c.reader().readExactly(MESSAGE.length).length;
                }));
            }
            gather(echoes);
            double ms = (System.nanoTime() - t0) / 1e6;
            return new double[] {bytes, ms};
        } catch (IOException e) {
            throw new IllegalStateException("after " + conns.size() + " connections: " + e, e);
        } finally {
            for (Connection c : conns) {
                c.close();
            }
        }
    }

    private static Process startEchoServer() throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(KernelOptions.all());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Benchmark.class.getName(), "--serve-echo"));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** The echo server of {@code --serve-echo}: prints its port, echoes lines until standard input ends. */
    static void serveEcho() {
        Asyncio.run(() -> {
            Server s = Asyncio.startServer((reader, writer) -> {
                String line;
                while ((line = reader.readLine()) != null && !line.isEmpty()) {
                    writer.write(line + "\n");
                    writer.drain();
                }
            }, "127.0.0.1", 0);
            System.out.println(s.port());
            System.out.flush();
            Asyncio.toThread(() -> {
                while (System.in.read() >= 0) {
                    // serve until the parent closes our standard input
                }
                return null;
            });
            s.close();
            return null;
        });
    }
}
