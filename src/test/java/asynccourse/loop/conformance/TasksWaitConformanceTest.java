package asynccourse.loop.conformance;

import static asynccourse.loop.Asyncio.allTasks;
import static asynccourse.loop.Asyncio.asCompleted;
import static asynccourse.loop.Asyncio.createTask;
import static asynccourse.loop.Asyncio.gather;
import static asynccourse.loop.Asyncio.getRunningLoop;
import static asynccourse.loop.Asyncio.loopTime;
import static asynccourse.loop.Asyncio.runCoroutineThreadsafe;
import static asynccourse.loop.Asyncio.shield;
import static asynccourse.loop.Asyncio.sleep;
import static asynccourse.loop.Asyncio.toThread;
import static asynccourse.loop.Asyncio.waitTasks;
import static asynccourse.loop.TestLoops.vrun;
import static asynccourse.loop.conformance.Conformance.holdLoop;
import static asynccourse.loop.conformance.Conformance.ms;
import static asynccourse.loop.conformance.Conformance.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asynccourse.loop.AsyncFuture;
import asynccourse.loop.AsyncTimeoutException;
import asynccourse.loop.Asyncio;
import asynccourse.loop.Awaitable;
import asynccourse.loop.Completion;
import asynccourse.loop.Coroutine;
import asynccourse.loop.EventLoop;
import asynccourse.loop.ReturnWhen;
import asynccourse.loop.Task;
import asynccourse.loop.WaitResult;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * CPython 3.11.7's {@code Lib/test/test_asyncio/test_tasks.py}: the cases of {@code wait},
 * {@code as_completed} and {@code shield} (class {@code BaseTaskTests}) and of
 * {@code run_coroutine_threadsafe} (class {@code RunCoroutineThreadsafeTests}), case by case,
 * on the virtual clock where time matters; each test is named after the CPython test it follows.
 *
 * <p>Where ours differs, and why:
 * <ul>
 *   <li>CPython creates the tasks before the loop runs ({@code self.new_task(loop, ...)});
 *       here the main coroutine creates them first thing, so they start on the loop's first
 *       iteration all the same.</li>
 *   <li>CPython's test loop ({@code new_test_loop(gen)}) checks each timer's deadline; the
 *       virtual clock gives the same exact times, checked with {@code loopTime()} at the end.</li>
 *   <li>{@code wait} is {@code waitTasks} ({@code Object.wait} owns the name); the
 *       {@code TypeError}s for a future or a coroutine where a collection is expected do not
 *       compile in Java, so only the run-time cases (a coroutine smuggled through a raw type,
 *       an empty collection) are ported; an invalid {@code return_when} cannot be written (it
 *       is an enum).</li>
 *   <li>as_completed takes tasks, not coroutines (ours refuses coroutines as {@code wait}
 *       does, see {@link Asyncio#asCompleted}): the coroutines of the CPython tests are wrapped
 *       in {@code createTask} first, which is what 3.11's {@code as_completed} does itself.</li>
 *   <li>Our {@code gather} takes tasks and awaits at once (it is not a future), so where CPython
 *       shields a gather or gathers shields, a task running the gather (or awaiting the shield)
 *       stands in for it.</li>
 * </ul>
 */
@Timeout(30)
class TasksWaitConformanceTest {

    private static Task<Void> sleeper(Duration d) {
        return createTask(() -> {
            sleep(d);
            return null;
        });
    }

    private static <T> Task<T> sleepResult(Duration d, T result) {
        return createTask(() -> {
            sleep(d);
            return result;
        });
    }

    // ------------------------------------------------------------------ wait

    @Test
    @DisplayName("test_tasks.py::test_wait")
    void test_wait() {
        vrun(() -> {
            Task<Void> a = sleeper(ms(100));
            Task<Void> b = sleeper(ms(150));
            Coroutine<Integer> foo = () -> {
                WaitResult<Task<Void>> r = waitTasks(List.of(b, a));
                assertEquals(Set.of(a, b), r.done());
                assertEquals(Set.of(), r.pending());
                return 42;
            };
            assertEquals(42, createTask(foo).await());
            assertEquals(0.15, loopTime(), 1e-9);
            // doing it again should take no time and exercise a different path
            assertEquals(42, createTask(foo).await());
            assertEquals(0.15, loopTime(), 1e-9);
            return null;
        });
    }

    @Test
    @DisplayName("test_tasks.py::test_wait_duplicate_coroutines")
    void test_wait_duplicate_coroutines() {
        vrun(() -> {
            Task<String> c = createTask(() -> "test");
            Task<String> spam = createTask(() -> "spam");
            WaitResult<Task<String>> r = createTask(() -> waitTasks(List.of(c, c, spam))).await();
            assertTrue(r.pending().isEmpty());
            Set<String> results = new HashSet<>();
            r.done().forEach(t -> results.add(t.result()));
            assertEquals(Set.of("test", "spam"), results);
            assertEquals(2, r.done().size());
            return null;
        });
    }

    @Test
    @DisplayName("test_tasks.py::test_wait_errors")
    void test_wait_errors() {
        vrun(() -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> waitTasks(Set.<Task<?>>of()));
            assertTrue(e.getMessage().contains("empty"), e.getMessage());
            // return_when=-1: ReturnWhen is an enum, so only null can be wrong
            Task<Void> t = sleeper(s(10));
            assertThrows(NullPointerException.class, () -> waitTasks(List.of(t), (ReturnWhen) null));
            t.cancel();
            return null;
        });
    }

    @Test
    @DisplayName("test_tasks.py::test_wait_first_completed")
    void test_wait_first_completed() {
        vrun(() -> {
            Task<Void> a = sleeper(s(10));
            Task<Void> b = sleeper(ms(100));
            Task<WaitResult<Task<Void>>> task = createTask(() -> waitTasks(List.of(b, a), ReturnWhen.FIRST_COMPLETED));
            WaitResult<Task<Void>> r = task.await();
            assertEquals(Set.of(b), r.done());
            assertEquals(Set.of(a), r.pending());
            assertFalse(a.isDone());
            assertTrue(b.isDone());
            assertNull(b.result());
            assertEquals(0.1, loopTime(), 1e-9);
            waitTasks(List.of(a, b)); // the rest of the 10 s
            return null;
        });
    }

    @Test
    @DisplayName("test_tasks.py::test_wait_really_done")
    void test_wait_really_done() {
        // there is a possibility that some tasks in the pending list became done but their
        // callbacks have not all been called yet
        vrun(() -> {
            Task<Void> a = createTask(() -> {
                sleep(Duration.ZERO);
                return null;
            });
            Task<Void> b = createTask(() -> {
                sleep(Duration.ZERO);
                sleep(Duration.ZERO);
                return null;
            });
            WaitResult<Task<Void>> r = createTask(() -> waitTasks(List.of(b, a), ReturnWhen.FIRST_COMPLETED)).await();
            assertEquals(Set.of(a, b), r.done());
            assertTrue(a.isDone());
            assertNull(a.result());
            assertTrue(b.isDone());
            assertNull(b.result());
            return null;
        });
    }

    @Test
    @DisplayName("test_tasks.py::test_wait_first_exception")
    void test_wait_first_exception() {
        vrun(() -> {
            // first_exception, task already has exception
            Task<Void> a = sleeper(s(10));
            Task<Void> b = createTask(() -> {
                throw new ArithmeticException("err");
            });
            WaitResult<Task<Void>> r = createTask(() -> waitTasks(List.of(b, a), ReturnWhen.FIRST_EXCEPTION)).await();
            assertEquals(Set.of(b), r.done());
            assertEquals(Set.of(a), r.pending());
            assertEquals(0.0, loopTime(), 1e-9);
            waitTasks(List.of(a, b));
            assertInstanceOf(ArithmeticException.class, b.exception());
            return null;
        });
    }

    @Test
    @DisplayName("test_tasks.py::test_wait_first_exception_in_wait")
    void test_wait_first_exception_in_wait() {
        vrun(() -> {
            // first_exception, exception during waiting
            Task<Void> a = sleeper(s(10));
            Task<Void> b = createTask(() -> {
                sleep(ms(10));
                throw new ArithmeticException("err");
            });
            WaitResult<Task<Void>> r = waitTasks(List.of(b, a), ReturnWhen.FIRST_EXCEPTION);
            assertEquals(Set.of(b), r.done());
            assertEquals(Set.of(a), r.pending());
            assertEquals(0.01, loopTime(), 1e-9);
            waitTasks(List.of(a, b));
            b.exception();
            return null;
        });
    }

    @Test
    @DisplayName("test_tasks.py::test_wait_with_exception")
    void test_wait_with_exception() {
        vrun(() -> {
            Task<Void> a = sleeper(ms(100));
            Task<Void> b = createTask(() -> {
                sleep(ms(150));
                throw new ArithmeticException("really");
            });
            Coroutine<Void> foo = () -> {
                WaitResult<Task<Void>> r = waitTasks(List.of(b, a));
                assertEquals(2, r.done().size());
                assertEquals(Set.of(), r.pending());
                long errors = r.done().stream().filter(f -> f.exception() != null).count();
                assertEquals(1, errors);
                return null;
            };
            createTask(foo).await();
            assertEquals(0.15, loopTime(), 1e-9);
            createTask(foo).await();
            assertEquals(0.15, loopTime(), 1e-9);
            return null;
        });
    }

    @Test
    @DisplayName("test_tasks.py::test_wait_with_timeout")
    void test_wait_with_timeout() {
        vrun(() -> {
            Task<Void> a = sleeper(ms(100));
            Task<Void> b = sleeper(ms(150));
            createTask(() -> {
                WaitResult<Task<Void>> r = waitTasks(List.of(b, a), ms(110));
                assertEquals(Set.of(a), r.done());
                assertEquals(Set.of(b), r.pending());
                return null;
            }).await();
            assertEquals(0.11, loopTime(), 1e-9);
            assertFalse(b.isCancelled(), "wait never cancels");
            waitTasks(List.of(a, b));
            return null;
        });
    }

    @Test
    @DisplayName("test_tasks.py::test_wait_concurrent_complete")
    void test_wait_concurrent_complete() {
        vrun(() -> {
            Task<Void> a = sleeper(ms(100));
            Task<Void> b = sleeper(ms(150));
            // the timer of the wait and a's sleep end at the same loop time; as in CPython the
            // wait runs in a task created after a and b, so a's timer fires first, and a is
            // done when the wait looks
            WaitResult<Task<Void>> r = createTask(() -> waitTasks(List.of(b, a), ms(100))).await();
            assertEquals(Set.of(a), r.done());
            assertEquals(Set.of(b), r.pending());
            assertEquals(0.1, loopTime(), 1e-9);
            waitTasks(List.of(a, b));
            return null;
        });
    }

    @Test
    @DisplayName("test_tasks.py::test_wait_with_iterator_of_tasks")
    void test_wait_with_iterator_of_tasks() {
        // CPython passes iter([b, a]); any Collection is accepted here (a deque, say)
        vrun(() -> {
            Task<Void> a = sleeper(ms(100));
            Task<Void> b = sleeper(ms(150));
            int res = createTask(() -> {
                WaitResult<Task<Void>> r = waitTasks(new ArrayDeque<>(List.of(b, a)));
                assertEquals(Set.of(a, b), r.done());
                assertEquals(Set.of(), r.pending());
                return 42;
            }).await();
            assertEquals(42, res);
            assertEquals(0.15, loopTime(), 1e-9);
            return null;
        });
    }

    @Test
    @DisplayName("test_tasks.py::test_wait_invalid_args")
    @SuppressWarnings({"unchecked", "rawtypes"})
    void test_wait_invalid_args() {
        vrun(() -> {
            // wait(fut) and wait(coro) do not compile; a coroutine in the collection (only
            // through a raw type) is refused as 3.11 refuses it
            List raw = new ArrayList();
            raw.add((Coroutine<String>) () -> "x");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> waitTasks(raw));
            assertTrue(e.getMessage().contains("createTask"), e.getMessage());
            // wait() expects at least a future
            assertThrows(IllegalArgumentException.class, () -> waitTasks(List.<Task<?>>of()));
            return null;
        });
    }

    @Test
    @DisplayName("test_tasks.py::test_yield_wait_does_not_shield_cancel")
    void test_yield_wait_does_not_shield_cancel() {
        // cancelling outer() makes wait() return early, leaves inner() running
        vrun(() -> {
            int[] proof = {0};
            AsyncFuture<Void> waiter = getRunningLoop().createFuture();
            Task<Void> f = createTask(() -> {
                waitTasks(List.of(createTask(() -> {
                    waiter.await();
                    proof[0] += 1;
                    return null;
                })));
                proof[0] += 100;
                return null;
            });
            sleep(Duration.ZERO);
            f.cancel();
            assertThrows(CancellationException.class, f::await);
            waiter.setResult(null);
            Conformance.yieldUntil(() -> proof[0] == 1);
            assertEquals(1, proof[0]);
            return null;
        });
    }

    // ------------------------------------------------------------------ as_completed

    @Test
    @DisplayName("test_tasks.py::test_as_completed")
    void test_as_completed() {
        vrun(() -> {
            Set<String> completed = new HashSet<>();
            boolean[] timeShifted = {false};
            java.util.function.BiFunction<Duration, String, Task<String>> sleeper = (dt, x) -> createTask(() -> {
                sleep(dt);
                completed.add(x);
                if (!timeShifted[0] && completed.contains("a") && completed.contains("b")) {
                    timeShifted[0] = true;
                    holdLoop(ms(140)); // CPython: loop.advance_time(0.14)
                }
                return x;
            });
            Task<String> a = sleeper.apply(ms(10), "a");
            Task<String> b = sleeper.apply(ms(10), "b");
            Task<String> c = sleeper.apply(ms(150), "c");
            List<String> res = createTask(() -> {
                List<String> values = new ArrayList<>();
                for (Completion<String> f : asCompleted(List.of(b, c, a))) {
                    values.add(f.await());
                }
                return values;
            }).await();
            assertEquals(0.15, loopTime(), 1e-9);
            assertTrue(res.subList(0, 2).contains("a"));
            assertTrue(res.subList(0, 2).contains("b"));
            assertEquals("c", res.get(2));
            return null;
        });
    }

    @Test
    @DisplayName("test_tasks.py::test_as_completed_with_timeout")
    void test_as_completed_with_timeout() {
        vrun(() -> {
            Task<String> a = sleepResult(ms(100), "a");
            Task<String> b = sleepResult(ms(150), "b");
            List<Object[]> res = createTask(() -> {
                List<Object[]> values = new ArrayList<>();
                for (Completion<String> f : asCompleted(List.of(a, b), ms(120))) {
                    if (!values.isEmpty()) {
                        holdLoop(ms(20));
                    }
                    try {
                        values.add(new Object[] {1, f.await()});
                    } catch (AsyncTimeoutException exc) {
                        values.add(new Object[] {2, exc});
                    }
                }
                return values;
            }).await();
            assertEquals(2, res.size());
            assertEquals(1, res.get(0)[0]);
            assertEquals("a", res.get(0)[1]);
            assertEquals(2, res.get(1)[0]);
            assertInstanceOf(AsyncTimeoutException.class, res.get(1)[1]);
            assertEquals(0.12, loopTime(), 1e-9);
            assertFalse(b.isDone(), "as_completed cancels nothing");
            waitTasks(List.of(a, b));
            return null;
        });
    }

    @Test
    @DisplayName("test_tasks.py::test_as_completed_with_unused_timeout")
    void test_as_completed_with_unused_timeout() {
        vrun(() -> {
            Task<String> a = sleepResult(ms(10), "a");
            createTask(() -> {
                for (Completion<String> f : asCompleted(List.of(a), s(1))) {
                    assertEquals("a", f.await());
                }
                return null;
            }).await();
            assertEquals(0.01, loopTime(), 1e-9);
            assertEquals(0, getRunningLoopScheduledTimers(), "the unused timeout's timer was cancelled");
            return null;
        });
    }

    /** No timer left: a jump to 1 s would show in the loop's time after one more sleep(0). */
    private static int getRunningLoopScheduledTimers() {
        double before = loopTime();
        sleep(Duration.ZERO);
        return loopTime() == before ? 0 : 1;
    }

    @Test
    @DisplayName("test_tasks.py::test_as_completed_reverse_wait")
    void test_as_completed_reverse_wait() {
        vrun(() -> {
            Task<String> a = sleepResult(ms(50), "a");
            Task<String> b = sleepResult(ms(100), "b");
            List<Completion<String>> futs = asCompleted(Set.of(a, b));
            assertEquals(2, futs.size());
            String x = futs.get(1).await();
            assertEquals("a", x);
            assertEquals(0.05, loopTime(), 1e-9);
            holdLoop(ms(50));
            String y = futs.get(0).await();
            assertEquals("b", y);
            assertEquals(0.10, loopTime(), 1e-9);
            return null;
        });
    }

    @Test
    @DisplayName("test_tasks.py::test_as_completed_concurrent")
    void test_as_completed_concurrent() {
        vrun(() -> {
            Task<String> a = sleepResult(ms(50), "a");
            Task<String> b = sleepResult(ms(50), "b");
            List<Completion<String>> futs = asCompleted(Set.of(a, b));
            assertEquals(2, futs.size());
            List<Task<String>> wrapped = new ArrayList<>();
            for (Completion<String> f : futs) {
                wrapped.add(createTask(f)); // asyncio.ensure_future(fut)
            }
            WaitResult<Task<String>> r = waitTasks(wrapped);
            Set<String> results = new HashSet<>();
            r.done().forEach(t -> results.add(t.result()));
            assertEquals(Set.of("a", "b"), results);
            assertEquals(0.05, loopTime(), 1e-9);
            return null;
        });
    }

    @Test
    @DisplayName("test_tasks.py::test_as_completed_duplicate_coroutines")
    void test_as_completed_duplicate_coroutines() {
        vrun(() -> {
            List<String> result = createTask(() -> {
                List<String> out = new ArrayList<>();
                Task<String> c = createTask(() -> "ham");
                for (Completion<String> f : asCompleted(List.of(c, c, createTask(() -> "spam")))) {
                    out.add(f.await());
                }
                return out;
            }).await();
            assertEquals(Set.of("ham", "spam"), new HashSet<>(result));
            assertEquals(2, result.size());
            return null;
        });
    }

    @Test
    @DisplayName("test_tasks.py::test_as_completed_coroutine_without_loop")
    void test_as_completed_coroutine_without_loop() {
        // 'no current event loop': ours needs the running loop for its timer and queue
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> asCompleted(List.<Task<String>>of()));
        assertTrue(e.getMessage().contains("no running event loop"), e.getMessage());
    }

    @Test
    @DisplayName("test_tasks.py::test_as_completed_coroutine_use_running_loop")
    void test_as_completed_coroutine_use_running_loop() {
        vrun(() -> {
            List<Completion<Integer>> futs = asCompleted(List.of(createTask(() -> 42)));
            assertEquals(1, futs.size());
            assertEquals(42, futs.get(0).await());
            IllegalStateException again = assertThrows(IllegalStateException.class, () -> futs.get(0).await());
            assertTrue(again.getMessage().contains("awaited already"), again.getMessage());
            return null;
        });
    }

    @Test
    @DisplayName("test_tasks.py::test_as_completed_invalid_args")
    @SuppressWarnings({"unchecked", "rawtypes"})
    void test_as_completed_invalid_args() {
        vrun(() -> {
            // as_completed(fut) does not compile; a coroutine in the collection is refused
            List raw = new ArrayList();
            raw.add((Coroutine<Integer>) () -> 1);
            assertThrows(IllegalArgumentException.class, () -> asCompleted(raw));
            return null;
        });
    }

    // ------------------------------------------------------------------ shield

    @Test
    @DisplayName("test_tasks.py::test_shield_result")
    void test_shield_result() {
        vrun(() -> {
            AsyncFuture<Integer> inner = getRunningLoop().createFuture();
            Awaitable<Integer> outer = shield(inner);
            inner.setResult(42);
            assertEquals(42, outer.await());
            return null;
        });
    }

    @Test
    @DisplayName("test_tasks.py::test_shield_exception")
    void test_shield_exception() {
        vrun(() -> {
            AsyncFuture<Integer> inner = getRunningLoop().createFuture();
            Awaitable<Integer> outer = shield(inner);
            sleep(Duration.ZERO);
            IllegalStateException exc = new IllegalStateException("expected");
            inner.setException(exc);
            sleep(Duration.ZERO);
            assertSame(exc, outer.exception());
            return null;
        });
    }

    @Test
    @DisplayName("test_tasks.py::test_shield_cancel_inner")
    void test_shield_cancel_inner() {
        vrun(() -> {
            AsyncFuture<Integer> inner = getRunningLoop().createFuture();
            Awaitable<Integer> outer = shield(inner);
            sleep(Duration.ZERO);
            inner.cancel();
            sleep(Duration.ZERO);
            assertTrue(outer.isCancelled());
            return null;
        });
    }

    @Test
    @DisplayName("test_tasks.py::test_shield_cancel_outer")
    void test_shield_cancel_outer() {
        vrun(() -> {
            AsyncFuture<Integer> inner = getRunningLoop().createFuture();
            Awaitable<Integer> outer = shield(inner);
            sleep(Duration.ZERO);
            outer.cancel();
            sleep(Duration.ZERO);
            assertTrue(outer.isCancelled());
            assertFalse(inner.isCancelled());
            // CPython also checks that outer has no callbacks left; here: inner's result,
            // set now, no longer reaches the cancelled outer (nothing throws)
            inner.setResult(1);
            sleep(Duration.ZERO);
            assertTrue(outer.isCancelled());
            return null;
        });
    }

    @Test
    @DisplayName("test_tasks.py::test_shield_shortcut")
    void test_shield_shortcut() {
        vrun(() -> {
            AsyncFuture<Integer> fut = getRunningLoop().createFuture();
            fut.setResult(42);
            assertSame(fut, shield(fut));
            assertEquals(42, shield(fut).await());
            return null;
        });
    }

    @Test
    @DisplayName("test_tasks.py::test_shield_effect")
    void test_shield_effect() {
        // cancelling outer() does not affect inner()
        vrun(() -> {
            int[] proof = {0};
            AsyncFuture<Void> waiter = getRunningLoop().createFuture();
            Task<Void> f = createTask(() -> {
                shield(() -> {
                    waiter.await();
                    proof[0] += 1;
                    return null;
                }).await();
                proof[0] += 100;
                return null;
            });
            sleep(Duration.ZERO);
            sleep(Duration.ZERO);
            f.cancel();
            assertThrows(CancellationException.class, f::await);
            waiter.setResult(null);
            Conformance.yieldUntil(() -> proof[0] == 1);
            assertEquals(1, proof[0]);
            return null;
        });
    }

    @Test
    @DisplayName("test_tasks.py::test_shield_gather")
    void test_shield_gather() {
        vrun(() -> {
            AsyncFuture<Integer> child1 = getRunningLoop().createFuture();
            AsyncFuture<Integer> child2 = getRunningLoop().createFuture();
            // a task running the gather stands in for asyncio's gathering future
            Task<List<Integer>> parent = createTask(() -> gather(createTask(child1::await), createTask(child2::await)));
            Awaitable<List<Integer>> outer = shield(parent);
            sleep(Duration.ZERO);
            outer.cancel();
            sleep(Duration.ZERO);
            assertTrue(outer.isCancelled());
            child1.setResult(1);
            child2.setResult(2);
            Conformance.yieldUntil(parent::isDone);
            assertEquals(List.of(1, 2), parent.result());
            return null;
        });
    }

    @Test
    @DisplayName("test_tasks.py::test_gather_shield")
    void test_gather_shield() {
        vrun(() -> {
            AsyncFuture<Integer> child1 = getRunningLoop().createFuture();
            AsyncFuture<Integer> child2 = getRunningLoop().createFuture();
            Awaitable<Integer> inner1 = shield(child1);
            Awaitable<Integer> inner2 = shield(child2);
            // tasks awaiting the shields stand in for gather's own wrapping of them
            Task<Integer> w1 = createTask(inner1::await);
            Task<Integer> w2 = createTask(inner2::await);
            Task<List<Integer>> parent = createTask(() -> gather(w1, w2));
            sleep(Duration.ZERO);
            parent.cancel();
            // this should cancel inner1 and inner2 but not child1 and child2
            Conformance.yieldUntil(parent::isDone);
            assertTrue(parent.isCancelled());
            assertTrue(inner1.isCancelled());
            assertTrue(inner2.isCancelled());
            assertFalse(child1.isDone());
            child1.setResult(1);
            child2.setResult(2);
            sleep(Duration.ZERO);
            return null;
        });
    }

    @Test
    @DisplayName("test_tasks.py::test_shield_coroutine_without_loop")
    void test_shield_coroutine_without_loop() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> shield(() -> 42));
        assertTrue(e.getMessage().contains("no running event loop"), e.getMessage());
    }

    @Test
    @DisplayName("test_tasks.py::test_shield_coroutine_use_running_loop")
    void test_shield_coroutine_use_running_loop() {
        vrun(() -> {
            Awaitable<Integer> outer = shield(() -> 42);
            assertEquals(42, outer.await());
            return null;
        });
    }

    @Test
    @DisplayName("test_tasks.py::test_task_cancel_waiter_future")
    void test_task_cancel_waiter_future() {
        vrun(() -> {
            AsyncFuture<Void> fut = getRunningLoop().createFuture();
            Task<Void> task = createTask(fut::await);
            sleep(Duration.ZERO);
            assertTrue(task.toString().contains("wait_for=<Future>"), task.toString());
            task.cancel();
            sleep(Duration.ZERO);
            assertThrows(CancellationException.class, task::await);
            assertTrue(fut.isCancelled());
            return null;
        });
    }

    // ------------------------------------------------------------------ run_coroutine_threadsafe

    /** RunCoroutineThreadsafeTests.add: waits 0.05 s and returns a + b. */
    private static Coroutine<Integer> add(int a, int b, boolean fail, boolean cancel) {
        return () -> {
            sleep(ms(50));
            if (fail) {
                throw new IllegalStateException("Fail!");
            }
            if (cancel) {
                Asyncio.currentTask().cancel();
                sleep(Duration.ZERO);
            }
            return a + b;
        };
    }

    /** RunCoroutineThreadsafeTests.target, on a thread of the loop's pool (run_in_executor). */
    private static Integer target(EventLoop loop, boolean fail, boolean cancel, Long timeoutMillis) throws Exception {
        CompletableFuture<Integer> future = runCoroutineThreadsafe(add(1, 2, fail, cancel), loop);
        try {
            return timeoutMillis == null ? future.get() : future.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } finally {
            if (!future.isDone()) {
                future.cancel(true);
            }
        }
    }

    // these run on the real clock: the coroutine's 50 ms sleep must pass while another thread
    // waits for it (a virtual clock does not move while a toThread call is outstanding)

    @Test
    @DisplayName("test_tasks.py::RunCoroutineThreadsafeTests::test_run_coroutine_threadsafe")
    void test_run_coroutine_threadsafe() {
        int result = Asyncio.run(() -> {
            EventLoop loop = getRunningLoop();
            return toThread(() -> target(loop, false, false, null));
        });
        assertEquals(3, result);
    }

    @Test
    @DisplayName("test_tasks.py::RunCoroutineThreadsafeTests::test_run_coroutine_threadsafe_with_exception")
    void test_run_coroutine_threadsafe_with_exception() {
        Throwable e = assertThrows(Throwable.class, () -> Asyncio.run(() -> {
            EventLoop loop = getRunningLoop();
            return toThread(() -> target(loop, true, false, null));
        }));
        // future.get() wraps the task's failure in ExecutionException
        while (e.getCause() != null && !(e instanceof IllegalStateException)) {
            e = e.getCause();
        }
        assertEquals("Fail!", e.getMessage());
    }

    @Test
    @DisplayName("test_tasks.py::RunCoroutineThreadsafeTests::test_run_coroutine_threadsafe_with_timeout")
    void test_run_coroutine_threadsafe_with_timeout() {
        Asyncio.run(() -> {
            EventLoop loop = getRunningLoop();
            Throwable e = assertThrows(Throwable.class, () -> toThread(() -> target(loop, false, false, 0L)));
            assertInstanceOf(TimeoutException.class, e.getCause());
            // the future was cancelled, and that cancelled the task: no task of add is pending
            Conformance.yieldUntil(() -> allTasks().size() == 1);
            assertEquals(Set.of(Asyncio.currentTask()), allTasks());
            return null;
        });
    }

    @Test
    @DisplayName("test_tasks.py::RunCoroutineThreadsafeTests::test_run_coroutine_threadsafe_task_cancelled")
    void test_run_coroutine_threadsafe_task_cancelled() {
        Asyncio.run(() -> {
            EventLoop loop = getRunningLoop();
            Throwable e = assertThrows(Throwable.class, () -> toThread(() -> target(loop, false, true, null)));
            assertInstanceOf(CancellationException.class, e);
            return null;
        });
    }

    // test_run_coroutine_threadsafe_task_factory_exception: no task factory here (only the
    // eager switch), so a failing factory cannot be set; not ported.

    @Test
    @DisplayName("runCoroutineThreadsafe: a task failure arrives unwrapped as the ExecutionException's cause")
    void runCoroutineThreadsafeCause() throws Exception {
        Asyncio.run(() -> {
            EventLoop loop = getRunningLoop();
            ExecutionException e = toThread(() -> {
                try {
                    runCoroutineThreadsafe(add(1, 2, true, false), loop).get();
                    return null;
                } catch (ExecutionException ee) {
                    return ee;
                }
            });
            assertInstanceOf(IllegalStateException.class, e.getCause());
            return null;
        });
    }
}
