package asynccourse.stepper;

import static asynccourse.loop.Asyncio.createTask;
import static asynccourse.loop.Asyncio.gather;
import static asynccourse.loop.Asyncio.sleep;

import asynccourse.loop.Coroutine;
import asynccourse.loop.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;

/**
 * Randomly built task programs, for checking a stepper against the trace of a plain run: a
 * tree of coroutines that sleep (0, 0.5 or 1 s), create child tasks, await one, gather the
 * rest, cancel one, or leave some unawaited (cancelled when the loop closes). Built from a seed
 * ahead of running, so the same seed gives the same program every time.
 *
 * <p>Threading: a built program is immutable and may run any number of times.
 */
final class RandomPrograms {
    private RandomPrograms() {}

    private sealed interface Op permits Sleep, Spawn, AwaitOne, GatherRest, CancelOne {}

    private record Sleep(long millis) implements Op {}

    private record Spawn(List<Op> body) implements Op {}

    private record AwaitOne() implements Op {}

    private record GatherRest() implements Op {}

    private record CancelOne() implements Op {}

    /** The program of {@code seed}: main's body, at most three levels of tasks. */
    static Coroutine<Integer> of(long seed) {
        List<Op> body = ops(new Random(seed), 0);
        return () -> run(body);
    }

    private static List<Op> ops(Random r, int depth) {
        List<Op> ops = new ArrayList<>();
        int n = 1 + r.nextInt(5);
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(depth >= 2 ? 2 : 6);
            ops.add(switch (k) {
                case 0 -> new Sleep(new long[] {0, 500, 1000}[r.nextInt(3)]);
                case 1 -> new AwaitOne();
                case 2, 3 -> new Spawn(ops(r, depth + 1));
                case 4 -> new GatherRest();
                default -> new CancelOne();
            });
        }
        if (r.nextBoolean()) {
            ops.add(new GatherRest()); // else what is left is cancelled when the loop closes
        }
        return ops;
    }

    private static int run(List<Op> body) {
        List<Task<Integer>> open = new ArrayList<>();
        int sum = 1;
        for (Op op : body) {
            switch (op) {
                case Sleep s -> sleep(Duration.ofMillis(s.millis()));
                case Spawn s -> open.add(createTask(() -> run(s.body())));
                case AwaitOne a -> {
                    if (!open.isEmpty()) {
                        sum += open.removeFirst().await();
                    }
                }
                case GatherRest g -> {
                    for (int v : gather(List.copyOf(open))) {
                        sum += v;
                    }
                    open.clear();
                }
                case CancelOne c -> {
                    if (!open.isEmpty()) {
                        Task<Integer> t = open.removeFirst();
                        t.cancel();
                        try {
                            sum += t.await();
                        } catch (CancellationException e) {
                            sum += 100;
                        }
                    }
                }
            }
        }
        return sum;
    }
}
