package asynccourse.loop.conformance;

import static asynccourse.loop.Asyncio.createTask;
import static asynccourse.loop.Asyncio.getRunningLoop;
import static asynccourse.loop.conformance.SyncConformance.REPR;
import static asynccourse.loop.conformance.SyncConformance.sleep0;
import static asynccourse.loop.TestLoops.vrun;
import static asynccourse.loop.conformance.SyncConformance.waiters;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asynccourse.loop.Event;
import asynccourse.loop.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * CPython 3.11.7 {@code Lib/test/test_asyncio/test_locks.py}, class {@code EventTests}, case by
 * case on the virtual clock; each test is named after the CPython test it follows.
 *
 * <p>Where ours differs, and why: asyncio's {@code await ev.wait()} is {@code ev.await()} here
 * (Java's final {@code Object.wait()} owns the name) and returns nothing where asyncio's returns
 * {@code True}, always. {@code test_repr} puts a mock into {@code ev._waiters}; here a real
 * task waits instead. Private state ({@code ev._waiters}) is read from {@code toString()}.
 */
@Timeout(30)
class EventConformanceTest {

    @Test
    @DisplayName("EventTests.test_repr")
    void test_repr() {
        vrun(() -> {
            Event ev = new Event();
            assertTrue(ev.toString().endsWith("[unset]>"), ev.toString());
            var m = REPR.matcher(ev.toString());
            assertTrue(m.matches(), ev.toString());
            assertEquals("unset", m.group("extras"));
            ev.set();
            assertTrue(ev.toString().endsWith("[set]>"), ev.toString());
            assertTrue(REPR.matcher(ev.toString()).matches(), ev.toString());
            ev.clear();
            Task<Void> waiter = createTask(() -> {
                ev.await();
                return null;
            });
            sleep0();
            assertTrue(ev.toString().contains("waiters:1"), ev.toString());
            assertTrue(REPR.matcher(ev.toString()).matches(), ev.toString());
            waiter.cancel();
            return null;
        });
    }

    @Test
    @DisplayName("EventTests.test_wait")
    void test_wait() {
        vrun(() -> {
            Event ev = new Event();
            assertFalse(ev.isSet());
            List<Integer> result = new ArrayList<>();
            Task<Void> t1 = createTask(() -> {
                ev.await();
                result.add(1);
                return null;
            });
            Task<Void> t2 = createTask(() -> {
                ev.await();
                result.add(2);
                return null;
            });
            sleep0();
            assertEquals(List.of(), result);
            Task<Void> t3 = createTask(() -> {
                ev.await();
                result.add(3);
                return null;
            });
            ev.set();
            sleep0();
            assertEquals(List.of(3, 1, 2), result, "t3 starts on a set event before the woken t1, t2 run");
            for (Task<Void> t : List.of(t1, t2, t3)) {
                assertTrue(t.isDone());
                assertNull(t.result());
            }
            return null;
        });
    }

    @Test
    @DisplayName("EventTests.test_wait_on_set")
    void test_wait_on_set() {
        vrun(() -> {
            Event ev = new Event();
            ev.set();
            ev.await();
            assertTrue(ev.isSet());
            return null;
        });
    }

    @Test
    @DisplayName("EventTests.test_wait_cancel")
    void test_wait_cancel() {
        vrun(() -> {
            Event ev = new Event();
            Task<Void> wait = createTask(() -> {
                ev.await();
                return null;
            });
            getRunningLoop().callSoon(wait::cancel);
            assertThrows(CancellationException.class, wait::await);
            assertEquals(0, waiters(ev));
            return null;
        });
    }

    @Test
    @DisplayName("EventTests.test_clear")
    void test_clear() {
        Event ev = new Event();
        assertFalse(ev.isSet());
        ev.set();
        assertTrue(ev.isSet());
        ev.clear();
        assertFalse(ev.isSet());
    }

    @Test
    @DisplayName("EventTests.test_clear_with_waiters")
    void test_clear_with_waiters() {
        vrun(() -> {
            Event ev = new Event();
            List<Integer> result = new ArrayList<>();
            Task<Boolean> t = createTask(() -> {
                ev.await();
                result.add(1);
                return true;
            });
            sleep0();
            assertEquals(List.of(), result);
            ev.set();
            ev.clear();
            assertFalse(ev.isSet());
            ev.set();
            ev.set();
            assertEquals(1, waiters(ev));
            sleep0();
            assertEquals(List.of(1), result);
            assertEquals(0, waiters(ev));
            assertTrue(t.isDone());
            assertTrue(t.result());
            return null;
        });
    }
}
