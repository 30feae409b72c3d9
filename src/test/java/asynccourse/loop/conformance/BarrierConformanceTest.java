package asynccourse.loop.conformance;

import static asynccourse.loop.Asyncio.createTask;
import static asynccourse.loop.Asyncio.gather;
import static asynccourse.loop.Asyncio.gatherReturnExceptions;
import static asynccourse.loop.Asyncio.waitTasks;
import static asynccourse.loop.TestLoops.vrun;
import static asynccourse.loop.conformance.SyncConformance.sleep0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asynccourse.loop.Barrier;
import asynccourse.loop.Coroutine;
import asynccourse.loop.Task;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CancellationException;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * CPython 3.11.7 {@code Lib/test/test_asyncio/test_locks.py}, class {@code BarrierTests}, case
 * by case on the virtual clock; each test is named after the CPython test it follows.
 *
 * <p>Where ours differs, and why:
 * <ul>
 *   <li>{@code wait()} is {@code await()}, {@code n_waiting} is {@code nWaiting()},
 *       {@code broken} is {@code broken()}; {@code BrokenBarrierError} is
 *       {@link BrokenBarrierException}; {@code async with barrier as i:} is {@code int i =
 *       barrier.await();} (its exit does nothing in asyncio either).</li>
 *   <li>{@code test_barrier} checks that {@code await barrier} raises {@code TypeError}: in Java
 *       that does not compile; only its state checks are ported.</li>
 *   <li>{@code test_reset_barrier_when_tasks_half_draining} reads the private {@code _count}
 *       (tasks still inside); here each task counts itself out as it leaves, which gives the
 *       same number since tasks run one at a time between awaits.</li>
 * </ul>
 */
@Timeout(30)
class BarrierConformanceTest {
    private static final int N = 5;
    /** asyncio's RGX_REPR for a barrier. */
    private static final Pattern REPR = Pattern.compile("^<Barrier \\[(filling|draining|resetting|broken)(, waiters:\\d+/\\d+)?\\]>\\z");

    private static <T> List<Task<T>> makeTasks(int n, Coroutine<T> coro) {
        List<Task<T>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tasks.add(createTask(coro));
        }
        return tasks;
    }

    private static <T> List<T> gatherTasks(int n, Coroutine<T> coro) {
        return gather(makeTasks(n, coro));
    }

    @Test
    @DisplayName("BarrierTests.test_barrier")
    void test_barrier() {
        vrun(() -> {
            Barrier barrier = new Barrier(N);
            assertTrue(barrier.toString().contains("filling"));
            return null;
        });
    }

    @Test
    @DisplayName("BarrierTests.test_repr")
    void test_repr() {
        vrun(() -> {
            Barrier barrier = new Barrier(N);
            assertTrue(REPR.matcher(barrier.toString()).matches(), barrier.toString());
            assertTrue(barrier.toString().contains("filling"));

            List<Task<Integer>> waiters = new ArrayList<>();
            int incr = 2;
            for (int i = 0; i < incr; i++) {
                waiters.add(createTask(barrier::await));
            }
            sleep0();
            assertTrue(REPR.matcher(barrier.toString()).matches(), barrier.toString());
            assertTrue(barrier.toString().contains("waiters:" + incr + "/" + N), barrier.toString());
            assertTrue(barrier.toString().contains("filling"));

            // create missing waiters
            for (int i = 0, missing = barrier.parties() - barrier.nWaiting(); i < missing; i++) {
                waiters.add(createTask(barrier::await));
            }
            sleep0();
            assertTrue(REPR.matcher(barrier.toString()).matches(), barrier.toString());
            assertTrue(barrier.toString().contains("draining"), barrier.toString());

            // add a part of waiters
            for (int i = 0; i < incr; i++) {
                waiters.add(createTask(barrier::await));
            }
            sleep0();
            // and reset
            barrier.reset();
            assertTrue(REPR.matcher(barrier.toString()).matches(), barrier.toString());
            assertTrue(barrier.toString().contains("resetting"), barrier.toString());

            // add a part of waiters again
            for (int i = 0; i < incr; i++) {
                waiters.add(createTask(barrier::await));
            }
            sleep0();
            // and abort
            barrier.abort();
            assertTrue(REPR.matcher(barrier.toString()).matches(), barrier.toString());
            assertTrue(barrier.toString().contains("broken"));
            assertTrue(barrier.broken());

            gatherReturnExceptions(waiters); // suppress unhandled exceptions
            return null;
        });
    }

    @Test
    @DisplayName("BarrierTests.test_barrier_parties")
    void test_barrier_parties() {
        assertThrows(IllegalArgumentException.class, () -> new Barrier(0));
        assertThrows(IllegalArgumentException.class, () -> new Barrier(-4));
        assertEquals(N, new Barrier(N).parties());
    }

    @Test
    @DisplayName("BarrierTests.test_context_manager")
    void test_context_manager() {
        vrun(() -> {
            int n = 3;
            Barrier barrier = new Barrier(n);
            List<Integer> results = new ArrayList<>();
            gatherTasks(n, () -> {
                results.add(barrier.await());
                return null;
            });
            Collections.sort(results);
            assertEquals(List.of(0, 1, 2), results);
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.broken());
            return null;
        });
    }

    @Test
    @DisplayName("BarrierTests.test_filling_one_task")
    void test_filling_one_task() {
        vrun(() -> {
            Barrier barrier = new Barrier(1);
            assertEquals(0, barrier.await());
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.broken());
            return null;
        });
    }

    @Test
    @DisplayName("BarrierTests.test_filling_one_task_twice")
    void test_filling_one_task_twice() {
        vrun(() -> {
            Barrier barrier = new Barrier(1);
            Task<Integer> t1 = createTask(barrier::await);
            sleep0();
            assertEquals(0, barrier.nWaiting());
            Task<Integer> t2 = createTask(barrier::await);
            sleep0();
            assertEquals(t1.result(), t2.result());
            assertEquals(t1.isDone(), t2.isDone());
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.broken());
            return null;
        });
    }

    @Test
    @DisplayName("BarrierTests.test_filling_task_by_task")
    void test_filling_task_by_task() {
        vrun(() -> {
            Barrier barrier = new Barrier(3);
            Task<Integer> t1 = createTask(barrier::await);
            sleep0();
            assertEquals(1, barrier.nWaiting());
            assertTrue(barrier.toString().contains("filling"));
            Task<Integer> t2 = createTask(barrier::await);
            sleep0();
            assertEquals(2, barrier.nWaiting());
            assertTrue(barrier.toString().contains("filling"));
            Task<Integer> t3 = createTask(barrier::await);
            sleep0();
            waitTasks(List.of(t1, t2, t3));
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.broken());
            return null;
        });
    }

    @Test
    @DisplayName("BarrierTests.test_filling_tasks_wait_twice")
    void test_filling_tasks_wait_twice() {
        vrun(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results = new ArrayList<>();
            gatherTasks(N, () -> {
                barrier.await();
                results.add(true);
                barrier.await();
                results.add(false);
                return null;
            });
            assertEquals(N * 2, results.size());
            assertEquals(N, Collections.frequency(results, true));
            assertEquals(N, Collections.frequency(results, false));
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.broken());
            return null;
        });
    }

    @Test
    @DisplayName("BarrierTests.test_filling_tasks_check_return_value")
    void test_filling_tasks_check_return_value() {
        vrun(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results1 = new ArrayList<>();
            List<Boolean> results2 = new ArrayList<>();
            List<Integer> res = new ArrayList<>(gatherTasks(N, () -> {
                barrier.await();
                results1.add(true);
                int i = barrier.await();
                results2.add(true);
                return i;
            }));
            assertEquals(N, results1.size());
            assertEquals(N, results2.size());
            Collections.sort(res);
            assertEquals(IntStream.range(0, N).boxed().toList(), res);
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.broken());
            return null;
        });
    }

    @Test
    @DisplayName("BarrierTests.test_draining_state")
    void test_draining_state() {
        vrun(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results = new ArrayList<>();
            gatherTasks(N, () -> {
                barrier.await();
                // barrier state changes to filling for the last task released
                results.add(barrier.toString().contains("draining"));
                return null;
            });
            assertEquals(N, results.size());
            assertFalse(results.get(N - 1));
            assertTrue(results.subList(0, N - 1).stream().allMatch(b -> b));
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.broken());
            return null;
        });
    }

    @Test
    @DisplayName("BarrierTests.test_blocking_tasks_while_draining")
    void test_blocking_tasks_while_draining() {
        vrun(() -> {
            int rewait = 2;
            Barrier barrier = new Barrier(N);
            Barrier barrierNowaiting = new Barrier(N - rewait);
            int[] rewaitN = {rewait};
            // a success means that barrierNowaiting was waited for exactly N - rewait = 3 times
            gatherTasks(N, () -> {
                barrier.await(); // first time waiting
                if (rewaitN[0] > 0) {
                    rewaitN[0]--;
                    barrier.await(); // wait again only for rewait tasks
                } else {
                    barrierNowaiting.await(); // wait for the end of the draining state
                    barrier.await(); // wait for the other waiting tasks
                }
                return null;
            });
            return null;
        });
    }

    @Test
    @DisplayName("BarrierTests.test_filling_tasks_cancel_one")
    void test_filling_tasks_cancel_one() {
        vrun(() -> {
            Barrier barrier = new Barrier(3);
            List<Boolean> results = new ArrayList<>();
            Coroutine<Void> coro = () -> {
                barrier.await();
                results.add(true);
                return null;
            };
            Task<Void> t1 = createTask(coro);
            sleep0();
            assertEquals(1, barrier.nWaiting());
            Task<Void> t2 = createTask(coro);
            sleep0();
            assertEquals(2, barrier.nWaiting());

            t1.cancel();
            sleep0();
            assertEquals(1, barrier.nWaiting());
            assertThrows(CancellationException.class, t1::await);
            assertTrue(t1.isCancelled());

            Task<Void> t3 = createTask(coro);
            sleep0();
            assertEquals(2, barrier.nWaiting());
            Task<Void> t4 = createTask(coro);
            gather(t2, t3, t4);

            assertEquals(3, results.size());
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.broken());
            return null;
        });
    }

    @Test
    @DisplayName("BarrierTests.test_reset_barrier")
    void test_reset_barrier() {
        vrun(() -> {
            Barrier barrier = new Barrier(1);
            createTask(() -> {
                barrier.reset();
                return null;
            });
            sleep0();
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.broken());
            return null;
        });
    }

    @Test
    @DisplayName("BarrierTests.test_reset_barrier_while_tasks_waiting")
    void test_reset_barrier_while_tasks_waiting() {
        vrun(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results = new ArrayList<>();
            // N-1 tasks waiting on barrier with N parties
            List<Task<Void>> tasks = makeTasks(N - 1, () -> {
                try {
                    barrier.await();
                } catch (BrokenBarrierException e) {
                    results.add(true);
                }
                return null;
            });
            sleep0();
            // reset the barrier
            createTask(() -> {
                barrier.reset();
                return null;
            });
            gather(tasks);
            assertEquals(N - 1, results.size());
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.toString().contains("resetting"));
            assertFalse(barrier.broken());
            return null;
        });
    }

    @Test
    @DisplayName("BarrierTests.test_reset_barrier_when_tasks_half_draining")
    void test_reset_barrier_when_tasks_half_draining() {
        vrun(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results1 = new ArrayList<>();
            int restOfTasks = N / 2;
            int[] left = {0}; // tasks that have left the barrier: barrier._count is N - left
            gatherTasks(N, () -> {
                try {
                    barrier.await();
                } catch (BrokenBarrierException e) {
                    results1.add(true); // catch here waiting tasks
                    return null;
                }
                left[0]++;
                // here a drained task outside the barrier
                if (restOfTasks == N - left[0]) {
                    barrier.reset(); // tasks outside the barrier
                }
                return null;
            });
            assertEquals(Collections.nCopies(restOfTasks, true), results1);
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.toString().contains("resetting"));
            assertFalse(barrier.broken());
            return null;
        });
    }

    @Test
    @DisplayName("BarrierTests.test_reset_barrier_when_tasks_half_draining_half_blocking")
    void test_reset_barrier_when_tasks_half_draining_half_blocking() {
        vrun(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results1 = new ArrayList<>();
            List<Boolean> results2 = new ArrayList<>();
            int blockingTasks = N / 2;
            int[] count = {0};
            gatherTasks(N, () -> {
                try {
                    barrier.await();
                } catch (BrokenBarrierException e) {
                    results1.add(true); // here catch still waiting tasks
                    barrier.await(); // so now waiting again to reach nb_parties
                    return null;
                }
                count[0]++;
                if (count[0] > blockingTasks) {
                    barrier.reset(); // reset now: BrokenBarrierException for waiting tasks
                    barrier.await(); // so now waiting again to reach nb_parties
                } else {
                    try {
                        barrier.await();
                    } catch (BrokenBarrierException e) {
                        results2.add(true); // here no catch - blocked tasks go to wait
                    }
                }
                return null;
            });
            assertEquals(Collections.nCopies(blockingTasks, true), results1);
            assertEquals(List.of(), results2);
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.toString().contains("resetting"));
            assertFalse(barrier.broken());
            return null;
        });
    }

    @Test
    @DisplayName("BarrierTests.test_reset_barrier_while_tasks_waiting_and_waiting_again")
    void test_reset_barrier_while_tasks_waiting_and_waiting_again() {
        vrun(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results1 = new ArrayList<>();
            List<Boolean> results2 = new ArrayList<>();
            List<Task<Void>> tasks = makeTasks(N - 1, () -> {
                try {
                    barrier.await();
                } catch (BrokenBarrierException e) {
                    results1.add(true);
                } finally {
                    barrier.await();
                    results2.add(true);
                }
                return null;
            });
            // reset barrier, N-1 waiting tasks raise BrokenBarrierException
            createTask(() -> {
                barrier.reset();
                return null;
            });
            sleep0();
            // complete waiting tasks in the finally
            createTask(() -> {
                barrier.await();
                results2.add(true);
                return null;
            });
            gather(tasks);
            assertFalse(barrier.broken());
            assertEquals(N - 1, results1.size());
            assertEquals(N, results2.size());
            assertEquals(0, barrier.nWaiting());
            return null;
        });
    }

    @Test
    @DisplayName("BarrierTests.test_reset_barrier_while_tasks_draining")
    void test_reset_barrier_while_tasks_draining() {
        vrun(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results1 = new ArrayList<>();
            List<Boolean> results2 = new ArrayList<>();
            List<Boolean> results3 = new ArrayList<>();
            int[] count = {0};
            gatherTasks(N, () -> {
                barrier.await();
                count[0]++;
                if (count[0] == N) {
                    barrier.reset(); // last task exited from barrier
                    barrier.await(); // wait here to reach the parties
                } else {
                    try {
                        barrier.await(); // second waiting
                        results1.add(true); // N-1 tasks here
                    } catch (Exception e) {
                        results2.add(true); // never goes here
                    }
                }
                // now, pass the barrier again: last wait, must be completed
                barrier.await();
                results3.add(true);
                return null;
            });
            assertFalse(barrier.broken());
            assertEquals(N - 1, results1.size());
            assertEquals(0, results2.size());
            assertEquals(N, results3.size());
            assertEquals(0, barrier.nWaiting());
            return null;
        });
    }

    @Test
    @DisplayName("BarrierTests.test_abort_barrier")
    void test_abort_barrier() {
        vrun(() -> {
            Barrier barrier = new Barrier(1);
            createTask(() -> {
                barrier.abort();
                return null;
            });
            sleep0();
            assertEquals(0, barrier.nWaiting());
            assertTrue(barrier.broken());
            return null;
        });
    }

    @Test
    @DisplayName("BarrierTests.test_abort_barrier_when_tasks_half_draining_half_blocking")
    void test_abort_barrier_when_tasks_half_draining_half_blocking() {
        vrun(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results1 = new ArrayList<>();
            List<Boolean> results2 = new ArrayList<>();
            int blockingTasks = N / 2;
            int[] count = {0};
            gatherTasks(N, () -> {
                try {
                    barrier.await();
                } catch (BrokenBarrierException e) {
                    results1.add(true); // here catch tasks waiting to drain
                    return null;
                }
                count[0]++;
                if (count[0] > blockingTasks) {
                    barrier.abort(); // abort now: BrokenBarrierException for all tasks
                } else {
                    try {
                        barrier.await();
                    } catch (BrokenBarrierException e) {
                        results2.add(true); // here catch blocked tasks (already drained)
                    }
                }
                return null;
            });
            assertTrue(barrier.broken());
            assertEquals(Collections.nCopies(blockingTasks, true), results1);
            assertEquals(Collections.nCopies(N - blockingTasks - 1, true), results2);
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.toString().contains("resetting"));
            return null;
        });
    }

    @Test
    @DisplayName("BarrierTests.test_abort_barrier_when_exception")
    void test_abort_barrier_when_exception() {
        // test from threading.Barrier: see lock_tests.test_reset
        vrun(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results1 = new ArrayList<>();
            List<Boolean> results2 = new ArrayList<>();
            gatherTasks(N, () -> {
                try {
                    int i = barrier.await();
                    if (i == N / 2) {
                        throw new IllegalStateException();
                    }
                    barrier.await();
                    results1.add(true);
                } catch (BrokenBarrierException e) {
                    results2.add(true);
                } catch (IllegalStateException e) {
                    barrier.abort();
                }
                return null;
            });
            assertTrue(barrier.broken());
            assertEquals(0, results1.size());
            assertEquals(N - 1, results2.size());
            assertEquals(0, barrier.nWaiting());
            return null;
        });
    }

    @Test
    @DisplayName("BarrierTests.test_abort_barrier_when_exception_then_resetting")
    void test_abort_barrier_when_exception_then_resetting() {
        // test from threading.Barrier: see lock_tests.test_abort_and_reset
        vrun(() -> {
            Barrier barrier1 = new Barrier(N);
            Barrier barrier2 = new Barrier(N);
            List<Boolean> results1 = new ArrayList<>();
            List<Boolean> results2 = new ArrayList<>();
            List<Boolean> results3 = new ArrayList<>();
            gatherTasks(N, () -> {
                try {
                    int i = barrier1.await();
                    if (i == N / 2) {
                        throw new IllegalStateException();
                    }
                    barrier1.await();
                    results1.add(true);
                } catch (BrokenBarrierException e) {
                    results2.add(true);
                } catch (IllegalStateException e) {
                    barrier1.abort();
                }
                // synchronize and reset the barrier: synchronize first so that everyone has
                // left it when we reset, and after so that no one enters it before the reset
                int i = barrier2.await();
                if (i == N / 2) {
                    barrier1.reset();
                }
                barrier2.await();
                barrier1.await();
                results3.add(true);
                return null;
            });
            assertFalse(barrier1.broken());
            assertEquals(0, results1.size());
            assertEquals(N - 1, results2.size());
            assertEquals(N, results3.size());
            assertEquals(0, barrier1.nWaiting());
            return null;
        });
    }
}
