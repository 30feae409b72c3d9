package asynccourse.loop.conformance;

import static asynccourse.loop.Asyncio.createTask;
import static asynccourse.loop.Asyncio.getRunningLoop;
import static asynccourse.loop.Asyncio.sleep;
import static asynccourse.loop.conformance.SyncConformance.REPR;
import static asynccourse.loop.conformance.SyncConformance.sleep0;
import static asynccourse.loop.TestLoops.vrun;
import static asynccourse.loop.conformance.SyncConformance.waiters;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asynccourse.loop.BoundedSemaphore;
import asynccourse.loop.Event;
import asynccourse.loop.EventLoop;
import asynccourse.loop.Held;
import asynccourse.loop.Lock;
import asynccourse.loop.Queue;
import asynccourse.loop.Semaphore;
import asynccourse.loop.Task;
import java.lang.reflect.Constructor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * CPython 3.11.7 {@code Lib/test/test_asyncio/test_locks.py}, class {@code LockTests}, case by
 * case on the virtual clock; each test is named after the CPython test it follows.
 *
 * <p>Where ours differs, and why:
 * <ul>
 *   <li>{@code acquire()} returns nothing; asyncio's returns {@code True}, always, so the
 *       {@code if await lock.acquire():} of the CPython tests becomes a plain call.</li>
 *   <li>{@code test_lock} and {@code test_lock_by_with_statement} check that
 *       {@code await lock} and {@code with await lock:} raise {@code TypeError}; in Java that
 *       misuse does not compile, so only their state checks are ported.</li>
 *   <li>Private state ({@code lock._waiters}) is read from {@code toString()}, which shows
 *       the number of waiters as asyncio's repr does; whether the first waiter is cancelled
 *       ({@code lock._waiters[0].cancelled()}) is not visible from outside, so
 *       {@code test_cancel_race} checks that the cancelled waiter is still in line instead.</li>
 *   <li>The futures the CPython tests create to block a task are {@link Event}s here (ours has
 *       no bare future in its public API); setting either wakes the waiter one iteration
 *       later, so the order is the same.</li>
 * </ul>
 */
@Timeout(30)
class LockConformanceTest {

    @Test
    @DisplayName("LockTests.test_repr")
    void test_repr() {
        vrun(() -> {
            Lock lock = new Lock();
            assertTrue(lock.toString().endsWith("[unlocked]>"), lock.toString());
            assertTrue(REPR.matcher(lock.toString()).matches(), lock.toString());
            lock.acquire();
            assertTrue(lock.toString().endsWith("[locked]>"), lock.toString());
            assertTrue(REPR.matcher(lock.toString()).matches(), lock.toString());
            return null;
        });
    }

    @Test
    @DisplayName("LockTests.test_lock (state part; 'await lock' does not compile in Java)")
    void test_lock() {
        assertFalse(new Lock().locked());
    }

    @Test
    @DisplayName("LockTests.test_lock_doesnt_accept_loop_parameter")
    void test_lock_doesnt_accept_loop_parameter() {
        for (Class<?> cls : List.of(Lock.class, Event.class, Semaphore.class, BoundedSemaphore.class, Queue.class)) {
            for (Constructor<?> c : cls.getConstructors()) {
                assertFalse(Arrays.asList(c.getParameterTypes()).contains(EventLoop.class),
                        cls.getSimpleName() + " must bind to the loop that uses it, not take one: " + c);
            }
        }
    }

    @Test
    @DisplayName("LockTests.test_lock_by_with_statement (state part; 'with await lock' does not compile in Java)")
    void test_lock_by_with_statement() {
        vrun(() -> {
            for (Object lock : List.of(new Lock(), new Semaphore(), new BoundedSemaphore())) {
                sleep(Duration.ofMillis(10));
                assertFalse(lock instanceof Lock l ? l.locked() : ((Semaphore) lock).locked());
            }
            return null;
        });
    }

    @Test
    @DisplayName("LockTests.test_acquire")
    void test_acquire() {
        vrun(() -> {
            Lock lock = new Lock();
            List<Integer> result = new ArrayList<>();
            lock.acquire();
            Task<Boolean> t1 = createTask(() -> {
                lock.acquire();
                result.add(1);
                return true;
            });
            Task<Boolean> t2 = createTask(() -> {
                lock.acquire();
                result.add(2);
                return true;
            });
            sleep0();
            assertEquals(List.of(), result);
            lock.release();
            sleep0();
            assertEquals(List.of(1), result);
            sleep0();
            assertEquals(List.of(1), result);
            Task<Boolean> t3 = createTask(() -> {
                lock.acquire();
                result.add(3);
                return true;
            });
            lock.release();
            sleep0();
            assertEquals(List.of(1, 2), result);
            lock.release();
            sleep0();
            assertEquals(List.of(1, 2, 3), result);
            for (Task<Boolean> t : List.of(t1, t2, t3)) {
                assertTrue(t.isDone());
                assertTrue(t.result());
            }
            return null;
        });
    }

    @Test
    @DisplayName("LockTests.test_acquire_cancel")
    void test_acquire_cancel() {
        vrun(() -> {
            Lock lock = new Lock();
            lock.acquire();
            Task<Boolean> task = createTask(() -> {
                lock.acquire();
                return true;
            });
            getRunningLoop().callSoon(task::cancel);
            assertThrows(CancellationException.class, task::await);
            assertEquals(0, waiters(lock));
            return null;
        });
    }

    private static Task<Void> lockit(Lock lock, Event blocker) {
        return createTask(() -> {
            lock.acquire();
            try {
                if (blocker != null) {
                    blocker.await();
                }
            } finally {
                lock.release();
            }
            return null;
        });
    }

    @Test
    @DisplayName("LockTests.test_cancel_race")
    void test_cancel_race() {
        vrun(() -> {
            Lock lock = new Lock();
            Event fa = new Event();
            Task<Void> ta = lockit(lock, fa);
            sleep0();
            assertTrue(lock.locked());
            Task<Void> tb = lockit(lock, null);
            sleep0();
            assertEquals(1, waiters(lock));
            Task<Void> tc = lockit(lock, null);
            sleep0();
            assertEquals(2, waiters(lock));

            fa.set();
            tb.cancel();
            // CPython: lock._waiters[0].cancelled(); here: B's waiter is still in line
            assertEquals(2, waiters(lock));
            sleep0();
            assertFalse(lock.locked());
            assertTrue(ta.isDone());
            assertTrue(tb.isCancelled());
            tc.await();
            return null;
        });
    }

    @Test
    @DisplayName("LockTests.test_cancel_release_race")
    void test_cancel_release_race() {
        vrun(() -> {
            Lock lock = new Lock();
            int[] lockCount = new int[1];
            int[] callCount = new int[1];
            List<Task<Void>> ts = new ArrayList<>();
            lock.acquire();
            for (int i = 0; i < 3; i++) {
                ts.add(createTask(() -> {
                    callCount[0]++;
                    lock.acquire();
                    lockCount[0]++;
                    return null;
                }));
            }
            Task<Void> t1 = ts.get(0);
            Task<Void> t2 = ts.get(1);
            Task<Void> t3 = ts.get(2);
            sleep0();
            getRunningLoop().callSoon(() -> {
                t1.cancel();
                lock.release();
            });
            assertThrows(CancellationException.class, t1::await);
            assertEquals(1, lockCount[0], "only one task took the lock");
            assertEquals(3, callCount[0]);
            assertTrue(t1.isCancelled() && t2.isDone());
            t3.cancel();
            sleep0();
            assertTrue(t3.isCancelled());
            return null;
        });
    }

    @Test
    @DisplayName("LockTests.test_finished_waiter_cancelled")
    void test_finished_waiter_cancelled() {
        vrun(() -> {
            Lock lock = new Lock();
            lock.acquire();
            assertTrue(lock.locked());
            Task<Void> tb = createTask(() -> {
                lock.acquire();
                return null;
            });
            sleep0();
            assertEquals(1, waiters(lock));
            Task<Void> tc = createTask(() -> {
                lock.acquire();
                return null;
            });
            tb.cancel();
            lock.release();
            sleep0();
            assertTrue(lock.locked());
            assertTrue(tb.isCancelled());
            tc.await();
            return null;
        });
    }

    @Test
    @DisplayName("LockTests.test_release_not_acquired (RuntimeError there, IllegalStateException here)")
    void test_release_not_acquired() {
        Lock lock = new Lock();
        assertThrows(IllegalStateException.class, lock::release);
    }

    @Test
    @DisplayName("LockTests.test_release_no_waiters")
    void test_release_no_waiters() {
        vrun(() -> {
            Lock lock = new Lock();
            lock.acquire();
            assertTrue(lock.locked());
            lock.release();
            assertFalse(lock.locked());
            return null;
        });
    }

    @Test
    @DisplayName("LockTests.test_context_manager ('async with lock' is 'try (Held h = lock.hold())')")
    void test_context_manager() {
        vrun(() -> {
            Lock lock = new Lock();
            assertFalse(lock.locked());
            try (Held held = lock.hold()) {
                assertTrue(lock.locked(), held.toString());
            }
            assertFalse(lock.locked());
            return null;
        });
    }
}
