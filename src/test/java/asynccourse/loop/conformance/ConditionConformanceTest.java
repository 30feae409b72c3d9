package asynccourse.loop.conformance;

import static asynccourse.loop.Asyncio.createTask;
import static asynccourse.loop.Asyncio.getRunningLoop;
import static asynccourse.loop.Asyncio.waitFor;
import static asynccourse.loop.TestLoops.vrun;
import static asynccourse.loop.conformance.SyncConformance.REPR;
import static asynccourse.loop.conformance.SyncConformance.sleep0;
import static asynccourse.loop.conformance.SyncConformance.waiters;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asynccourse.loop.AsyncTimeoutException;
import asynccourse.loop.Condition;
import asynccourse.loop.Held;
import asynccourse.loop.Lock;
import asynccourse.loop.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * CPython 3.11.7 {@code Lib/test/test_asyncio/test_locks.py}, class {@code ConditionTests},
 * case by case on the virtual clock; each test is named after the CPython test it follows.
 *
 * <p>Where ours differs, and why:
 * <ul>
 *   <li>Names: {@code wait()}, {@code notify(n)}, {@code notify_all()} are {@code await()},
 *       {@code signal(n)}, {@code signalAll()} ({@code Object} owns the others); {@code wait()}
 *       returns nothing (asyncio's returns {@code True}, always), so {@code if await
 *       cond.wait():} becomes a plain call; {@code wait_for} returns the predicate's last value,
 *       a boolean here (asyncio's {@code [1, 2, 3]} in {@code test_wait_for_unacquired} is
 *       {@code true}).</li>
 *   <li>{@code RuntimeError} is {@link IllegalStateException}.</li>
 *   <li>{@code test_repr} appends mock waiters to {@code cond._waiters}; here real tasks wait.</li>
 *   <li>{@code test_explicit_lock} checks {@code cond._lock is lock}, private state; the
 *       behaviour checks (the lock and the condition lock together) are ported.</li>
 *   <li>{@code test_ambiguous_loops} sets a private {@code _loop}; ours binds on the first wait,
 *       so the port makes a condition wait in one loop and then use it in another.</li>
 * </ul>
 */
@Timeout(30)
class ConditionConformanceTest {

    /** c1..c3 of the CPython tests: acquire, wait, record n (and release if asked). */
    private static Task<Boolean> waiter(Condition cond, List<Integer> result, int n, boolean release) {
        return createTask(() -> {
            cond.acquire();
            cond.await();
            result.add(n);
            if (release) {
                cond.release();
            }
            return true;
        });
    }

    @Test
    @DisplayName("ConditionTests.test_wait")
    void test_wait() {
        vrun(() -> {
            Condition cond = new Condition();
            List<Integer> result = new ArrayList<>();
            Task<Boolean> t1 = waiter(cond, result, 1, false);
            Task<Boolean> t2 = waiter(cond, result, 2, false);
            Task<Boolean> t3 = waiter(cond, result, 3, false);

            sleep0();
            assertEquals(List.of(), result);
            assertFalse(cond.locked());

            cond.acquire();
            cond.signal();
            sleep0();
            assertEquals(List.of(), result);
            assertTrue(cond.locked());

            cond.release();
            sleep0();
            assertEquals(List.of(1), result);
            assertTrue(cond.locked());

            cond.signal(2);
            sleep0();
            assertEquals(List.of(1), result);
            assertTrue(cond.locked());

            cond.release();
            sleep0();
            assertEquals(List.of(1, 2), result);
            assertTrue(cond.locked());

            cond.release();
            sleep0();
            assertEquals(List.of(1, 2, 3), result);
            assertTrue(cond.locked());

            assertTrue(t1.isDone() && t1.result());
            assertTrue(t2.isDone() && t2.result());
            assertTrue(t3.isDone() && t3.result());
            return null;
        });
    }

    @Test
    @DisplayName("ConditionTests.test_wait_cancel")
    void test_wait_cancel() {
        vrun(() -> {
            Condition cond = new Condition();
            cond.acquire();
            Task<Void> wait = createTask(() -> {
                cond.await();
                return null;
            });
            getRunningLoop().callSoon(wait::cancel);
            assertThrows(CancellationException.class, wait::await);
            assertEquals(0, waiters(cond));
            assertTrue(cond.locked());
            return null;
        });
    }

    @Test
    @DisplayName("ConditionTests.test_wait_cancel_contested")
    void test_wait_cancel_contested() {
        vrun(() -> {
            Condition cond = new Condition();
            cond.acquire();
            assertTrue(cond.locked());
            Task<Void> waitTask = createTask(() -> {
                cond.await();
                return null;
            });
            sleep0();
            assertFalse(cond.locked());

            // notify, but contest the lock before cancelling
            cond.acquire();
            assertTrue(cond.locked());
            cond.signal();
            getRunningLoop().callSoon(waitTask::cancel);
            getRunningLoop().callSoon(cond::release);
            try {
                waitTask.await();
            } catch (CancellationException e) {
                // should not happen, since no cancellation points
            }
            assertTrue(cond.locked());
            return null;
        });
    }

    @Test
    @DisplayName("ConditionTests.test_wait_cancel_after_notify")
    @SuppressWarnings("try")
    void test_wait_cancel_after_notify() {
        // see bpo-32841
        vrun(() -> {
            boolean[] waited = {false};
            Condition cond = new Condition();
            Task<Void> waiter = createTask(() -> {
                try (Held h = cond.hold()) {
                    waited[0] = true; // make sure this area was reached
                    cond.await();
                }
                return null;
            });
            sleep0(); // start waiting

            cond.acquire();
            cond.signal();
            sleep0(); // get to acquire()
            waiter.cancel();
            sleep0(); // activate cancellation
            cond.release();
            sleep0(); // cancellation should occur

            assertTrue(waiter.isCancelled());
            assertTrue(waited[0]);
            return null;
        });
    }

    @Test
    @DisplayName("ConditionTests.test_wait_unacquired")
    void test_wait_unacquired() {
        vrun(() -> {
            Condition cond = new Condition();
            assertThrows(IllegalStateException.class, cond::await);
            return null;
        });
    }

    @Test
    @DisplayName("ConditionTests.test_wait_for")
    void test_wait_for() {
        vrun(() -> {
            Condition cond = new Condition();
            boolean[] presult = {false};
            List<Integer> result = new ArrayList<>();
            Task<Boolean> t = createTask(() -> {
                cond.acquire();
                if (cond.waitFor(() -> presult[0])) {
                    result.add(1);
                    cond.release();
                }
                return true;
            });

            sleep0();
            assertEquals(List.of(), result);

            cond.acquire();
            cond.signal();
            cond.release();
            sleep0();
            assertEquals(List.of(), result);

            presult[0] = true;
            cond.acquire();
            cond.signal();
            cond.release();
            sleep0();
            assertEquals(List.of(1), result);

            assertTrue(t.isDone());
            assertTrue(t.result());
            return null;
        });
    }

    @Test
    @DisplayName("ConditionTests.test_wait_for_unacquired")
    void test_wait_for_unacquired() {
        vrun(() -> {
            Condition cond = new Condition();
            // predicate can return true immediately
            assertTrue(cond.waitFor(() -> true));
            assertThrows(IllegalStateException.class, () -> cond.waitFor(() -> false));
            return null;
        });
    }

    @Test
    @DisplayName("ConditionTests.test_notify")
    void test_notify() {
        vrun(() -> {
            Condition cond = new Condition();
            List<Integer> result = new ArrayList<>();
            Task<Boolean> t1 = waiter(cond, result, 1, true);
            Task<Boolean> t2 = waiter(cond, result, 2, true);
            Task<Boolean> t3 = waiter(cond, result, 3, true);

            sleep0();
            assertEquals(List.of(), result);

            cond.acquire();
            cond.signal(1);
            cond.release();
            sleep0();
            assertEquals(List.of(1), result);

            cond.acquire();
            cond.signal(1);
            cond.signal(2048);
            cond.release();
            sleep0();
            assertEquals(List.of(1, 2, 3), result);

            assertTrue(t1.isDone() && t1.result());
            assertTrue(t2.isDone() && t2.result());
            assertTrue(t3.isDone() && t3.result());
            return null;
        });
    }

    @Test
    @DisplayName("ConditionTests.test_notify_all")
    void test_notify_all() {
        vrun(() -> {
            Condition cond = new Condition();
            List<Integer> result = new ArrayList<>();
            Task<Boolean> t1 = waiter(cond, result, 1, true);
            Task<Boolean> t2 = waiter(cond, result, 2, true);

            sleep0();
            assertEquals(List.of(), result);

            cond.acquire();
            cond.signalAll();
            cond.release();
            sleep0();
            assertEquals(List.of(1, 2), result);

            assertTrue(t1.isDone() && t1.result());
            assertTrue(t2.isDone() && t2.result());
            return null;
        });
    }

    @Test
    @DisplayName("ConditionTests.test_notify_unacquired")
    void test_notify_unacquired() {
        Condition cond = new Condition();
        assertThrows(IllegalStateException.class, cond::signal);
    }

    @Test
    @DisplayName("ConditionTests.test_notify_all_unacquired")
    void test_notify_all_unacquired() {
        Condition cond = new Condition();
        assertThrows(IllegalStateException.class, cond::signalAll);
    }

    @Test
    @DisplayName("ConditionTests.test_repr")
    @SuppressWarnings("try")
    void test_repr() {
        vrun(() -> {
            Condition cond = new Condition();
            assertTrue(cond.toString().contains("unlocked"));
            assertTrue(REPR.matcher(cond.toString()).matches(), cond.toString());

            cond.acquire();
            assertTrue(cond.toString().contains("locked"));

            // real waiters instead of CPython's mocks: each takes the lock, so the test lets go
            // of it; each releases it when it ends, cancelled too (a cancelled await() holds the
            // lock again, and a waiter that kept it would block the next one's cleanup for good)
            cond.release();
            List<Task<Void>> ws = new ArrayList<>();
            for (int n = 1; n <= 2; n++) {
                ws.add(createTask(() -> {
                    try (Held h = cond.hold()) {
                        cond.await();
                    }
                    return null;
                }));
                sleep0();
                assertTrue(cond.toString().contains("waiters:" + n), cond.toString());
                assertTrue(REPR.matcher(cond.toString()).matches(), cond.toString());
            }
            ws.forEach(Task::cancel);
            return null;
        });
    }

    @Test
    @DisplayName("ConditionTests.test_context_manager")
    @SuppressWarnings("try")
    void test_context_manager() {
        vrun(() -> {
            Condition cond = new Condition();
            assertFalse(cond.locked());
            try (Held h = cond.hold()) {
                assertTrue(cond.locked());
            }
            assertFalse(cond.locked());
            return null;
        });
    }

    @Test
    @DisplayName("ConditionTests.test_explicit_lock")
    @SuppressWarnings("try")
    void test_explicit_lock() {
        vrun(() -> {
            for (int variant = 0; variant < 3; variant++) {
                Lock lock = new Lock();
                Condition cond = variant == 0 ? new Condition(lock) : new Condition(lock);
                assertFalse(lock.locked());
                assertFalse(cond.locked());
                try (Held h = cond.hold()) {
                    assertTrue(lock.locked());
                    assertTrue(cond.locked());
                }
                assertFalse(lock.locked());
                assertFalse(cond.locked());
                try (Held h = lock.hold()) {
                    assertTrue(lock.locked());
                    assertTrue(cond.locked());
                }
                assertFalse(lock.locked());
                assertFalse(cond.locked());
            }
            return null;
        });
    }

    @Test
    @DisplayName("ConditionTests.test_ambiguous_loops")
    @SuppressWarnings("try")
    void test_ambiguous_loops() {
        Condition cond = new Condition();
        vrun(() -> {
            Task<Void> w = createTask(() -> {
                try (Held h = cond.hold()) {
                    cond.await(); // binds cond to this loop
                }
                return null;
            });
            sleep0();
            w.cancel();
            return null;
        });
        vrun(() -> {
            cond.acquire();
            IllegalStateException e = assertThrows(IllegalStateException.class, cond::await);
            assertTrue(e.getMessage().contains("is bound to a different event loop"), e.getMessage());
            return null;
        });
    }

    @Test
    @DisplayName("ConditionTests.test_timeout_in_block")
    @SuppressWarnings("try")
    void test_timeout_in_block() {
        vrun(() -> {
            Condition condition = new Condition();
            try (Held h = condition.hold()) {
                assertThrows(AsyncTimeoutException.class, () -> waitFor(() -> {
                    condition.await();
                    return null;
                }, Duration.ofMillis(500)));
            }
            return null;
        });
    }
}
