package asynccourse.loop.conformance;

import static asynccourse.loop.Asyncio.createTask;
import static asynccourse.loop.Asyncio.gather;
import static asynccourse.loop.Asyncio.gatherReturnExceptions;
import static asynccourse.loop.Asyncio.getRunningLoop;
import static asynccourse.loop.Asyncio.sleep;
import static asynccourse.loop.Asyncio.waitFor;
import static asynccourse.loop.conformance.SyncConformance.REPR;
import static asynccourse.loop.conformance.SyncConformance.sleep0;
import static asynccourse.loop.TestLoops.vrun;
import static asynccourse.loop.conformance.SyncConformance.waiters;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asynccourse.loop.BoundedSemaphore;
import asynccourse.loop.Held;
import asynccourse.loop.Semaphore;
import asynccourse.loop.Task;
import asynccourse.loop.TaskGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * CPython 3.11.7 {@code Lib/test/test_asyncio/test_locks.py}, class {@code SemaphoreTests}
 * (which also holds the {@code BoundedSemaphore} case), case by case on the virtual clock; each
 * test is named after the CPython test it follows.
 *
 * <p>Where ours differs, and why: {@code acquire()} returns nothing where asyncio's returns
 * {@code True}, always. {@code sem._value} is the public {@link Semaphore#value()};
 * {@code len(sem._waiters)} is read from {@code toString()}. {@code test_repr} puts mocks into
 * {@code sem._waiters}; here real tasks wait instead. {@code test_semaphore}'s check that
 * {@code await sem} raises {@code TypeError} has no Java twin (it does not compile); its state
 * checks are ported. {@code ValueError} is {@link IllegalArgumentException} for a negative
 * value and {@link IllegalStateException} for a release too many.
 */
@Timeout(30)
class SemaphoreConformanceTest {

    private static Task<Boolean> acquirer(Semaphore sem, List<Integer> result, int tag) {
        return createTask(() -> {
            sem.acquire();
            result.add(tag);
            return true;
        });
    }

    @Test
    @DisplayName("SemaphoreTests.test_initial_value_zero")
    void test_initial_value_zero() {
        assertTrue(new Semaphore(0).locked());
    }

    @Test
    @DisplayName("SemaphoreTests.test_repr")
    void test_repr() {
        vrun(() -> {
            Semaphore sem = new Semaphore();
            assertTrue(sem.toString().endsWith("[unlocked, value:1]>"), sem.toString());
            assertTrue(REPR.matcher(sem.toString()).matches(), sem.toString());
            sem.acquire();
            assertTrue(sem.toString().endsWith("[locked]>"), sem.toString());
            assertFalse(sem.toString().contains("waiters"));
            assertTrue(REPR.matcher(sem.toString()).matches(), sem.toString());
            List<Integer> result = new ArrayList<>();
            Task<Boolean> w1 = acquirer(sem, result, 1);
            sleep0();
            assertTrue(sem.toString().contains("waiters:1"), sem.toString());
            assertTrue(REPR.matcher(sem.toString()).matches(), sem.toString());
            Task<Boolean> w2 = acquirer(sem, result, 2);
            sleep0();
            assertTrue(sem.toString().contains("waiters:2"), sem.toString());
            assertTrue(REPR.matcher(sem.toString()).matches(), sem.toString());
            w1.cancel();
            w2.cancel();
            return null;
        });
    }

    @Test
    @DisplayName("SemaphoreTests.test_semaphore (state part; 'await sem' does not compile in Java)")
    void test_semaphore() {
        Semaphore sem = new Semaphore();
        assertEquals(1, sem.value());
        assertFalse(sem.locked());
        assertEquals(1, sem.value());
    }

    @Test
    @DisplayName("SemaphoreTests.test_semaphore_value")
    void test_semaphore_value() {
        assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1));
    }

    @Test
    @DisplayName("SemaphoreTests.test_acquire")
    void test_acquire() {
        vrun(() -> {
            Semaphore sem = new Semaphore(3);
            List<Integer> result = new ArrayList<>();
            sem.acquire();
            sem.acquire();
            assertFalse(sem.locked());
            Task<Boolean> t1 = acquirer(sem, result, 1);
            Task<Boolean> t2 = acquirer(sem, result, 2);
            Task<Boolean> t3 = acquirer(sem, result, 3);
            sleep0();
            assertEquals(List.of(1), result);
            assertTrue(sem.locked());
            assertEquals(2, waiters(sem));
            assertEquals(0, sem.value());
            Task<Boolean> t4 = acquirer(sem, result, 4);
            sem.release();
            sem.release();
            assertEquals(0, sem.value());
            sleep0();
            assertEquals(0, sem.value());
            assertEquals(3, result.size());
            assertTrue(sem.locked());
            assertEquals(1, waiters(sem));
            assertEquals(0, sem.value());
            assertTrue(t1.isDone());
            assertTrue(t1.result());
            List<Task<Boolean>> raceTasks = List.of(t2, t3, t4);
            assertEquals(2, raceTasks.stream().filter(t -> t.isDone() && t.result()).count());
            sem.release();
            gather(raceTasks);
            return null;
        });
    }

    @Test
    @DisplayName("SemaphoreTests.test_acquire_cancel")
    void test_acquire_cancel() {
        vrun(() -> {
            Semaphore sem = new Semaphore();
            sem.acquire();
            Task<Boolean> acquire = acquirer(sem, new ArrayList<>(), 1);
            getRunningLoop().callSoon(acquire::cancel);
            assertThrows(CancellationException.class, acquire::await);
            // CPython: no waiter left, or all of them done; here the waiter list is empty
            assertEquals(0, waiters(sem));
            return null;
        });
    }

    @Test
    @DisplayName("SemaphoreTests.test_acquire_cancel_before_awoken")
    void test_acquire_cancel_before_awoken() {
        vrun(() -> {
            Semaphore sem = new Semaphore(0);
            List<Integer> result = new ArrayList<>();
            Task<Boolean> t1 = acquirer(sem, result, 1);
            Task<Boolean> t2 = acquirer(sem, result, 2);
            Task<Boolean> t3 = acquirer(sem, result, 3);
            Task<Boolean> t4 = acquirer(sem, result, 4);
            sleep0();
            t1.cancel();
            t2.cancel();
            sem.release();
            sleep0();
            sleep0();
            assertEquals(1, List.of(t3, t4).stream().filter(Task::isDone).count());
            assertTrue(t3.isDone());
            assertFalse(t4.isDone());
            t3.cancel();
            t4.cancel();
            sleep0();
            return null;
        });
    }

    @Test
    @DisplayName("SemaphoreTests.test_acquire_hang")
    void test_acquire_hang() {
        vrun(() -> {
            Semaphore sem = new Semaphore(0);
            List<Integer> result = new ArrayList<>();
            Task<Boolean> t1 = acquirer(sem, result, 1);
            Task<Boolean> t2 = acquirer(sem, result, 2);
            sleep0();
            t1.cancel();
            sem.release();
            sleep0();
            sleep0();
            assertTrue(sem.locked());
            assertTrue(t2.isDone());
            return null;
        });
    }

    @Test
    @DisplayName("SemaphoreTests.test_acquire_no_hang")
    @SuppressWarnings("try") // the held permit is not referenced in the body, as in 'async with sem:'
    void test_acquire_no_hang() {
        vrun(() -> {
            Semaphore sem = new Semaphore(1);
            AtomicReference<Task<Void>> t2 = new AtomicReference<>();
            Task<Void> t1 = createTask(() -> {
                try (Held held = sem.hold()) {
                    sleep0();
                }
                t2.get().cancel();
                return null;
            });
            t2.set(createTask(() -> {
                try (Held held = sem.hold()) {
                    throw new AssertionError("must never get the permit: " + held);
                }
            }));
            List<Object> r = gatherReturnExceptions(List.of(t1, t2.get()));
            assertNull(r.get(0));
            assertInstanceOf(CancellationException.class, r.get(1));
            waitFor(() -> {
                sem.acquire();
                return null;
            }, Duration.ofSeconds(1));
            return null;
        });
    }

    @Test
    @DisplayName("SemaphoreTests.test_release_not_acquired (BoundedSemaphore; ValueError there)")
    void test_release_not_acquired() {
        BoundedSemaphore sem = new BoundedSemaphore();
        assertThrows(IllegalStateException.class, sem::release);
    }

    @Test
    @DisplayName("SemaphoreTests.test_release_no_waiters")
    void test_release_no_waiters() {
        vrun(() -> {
            Semaphore sem = new Semaphore();
            sem.acquire();
            assertTrue(sem.locked());
            sem.release();
            assertFalse(sem.locked());
            return null;
        });
    }

    @Test
    @DisplayName("SemaphoreTests.test_acquire_fifo_order")
    void test_acquire_fifo_order() {
        List<String> result = new ArrayList<>();
        vrun(() -> {
            Semaphore sem = new Semaphore(1);
            try (TaskGroup tg = new TaskGroup()) {
                for (String tag : List.of("c1", "c2", "c3")) {
                    tg.createTask(() -> {
                        sem.acquire();
                        result.add(tag + "_1");
                        sleep(Duration.ofMillis(10));
                        sem.release();
                        sem.acquire();
                        result.add(tag + "_2");
                        sleep(Duration.ofMillis(10));
                        sem.release();
                        return null;
                    });
                }
            }
            return null;
        });
        assertEquals(List.of("c1_1", "c2_1", "c3_1", "c1_2", "c2_2", "c3_2"), result);
    }

    @Test
    @DisplayName("SemaphoreTests.test_acquire_fifo_order_2")
    void test_acquire_fifo_order_2() {
        vrun(() -> {
            Semaphore sem = new Semaphore(1);
            List<Integer> result = new ArrayList<>();
            Task<Boolean> t1 = acquirer(sem, result, 1);
            Task<Boolean> t2 = createTask(() -> {
                sem.acquire();
                result.add(2);
                sem.release();
                sem.acquire();
                result.add(4);
                return true;
            });
            Task<Boolean> t3 = acquirer(sem, result, 3);
            sleep0();
            sem.release();
            sem.release();
            gather(t1, t2, t3);
            assertEquals(List.of(1, 2, 3, 4), result);
            return null;
        });
    }

    @Test
    @DisplayName("SemaphoreTests.test_acquire_fifo_order_3")
    void test_acquire_fifo_order_3() {
        vrun(() -> {
            Semaphore sem = new Semaphore(0);
            List<Integer> result = new ArrayList<>();
            Task<Boolean> t1 = acquirer(sem, result, 1);
            Task<Boolean> t2 = acquirer(sem, result, 2);
            Task<Boolean> t3 = acquirer(sem, result, 3);
            sleep0();
            t1.cancel();
            sleep0();
            sem.release();
            sem.release();
            gatherReturnExceptions(List.of(t1, t2, t3));
            assertEquals(List.of(2, 3), result);
            return null;
        });
    }
}
