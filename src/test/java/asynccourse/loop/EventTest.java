package asynccourse.loop;

import static asynccourse.loop.Asyncio.createTask;
import static asynccourse.loop.Asyncio.gather;
import static asynccourse.loop.Asyncio.getRunningLoop;
import static asynccourse.loop.Asyncio.loopTime;
import static asynccourse.loop.Asyncio.sleep;
import static asynccourse.loop.Asyncio.toThread;
import static asynccourse.loop.TestLoops.vrun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class EventTest {

    @Test
    void set_wakesEveryWaiter_atTheTimeItIsSet() {
        List<String> log = TestLoops.log();
        vrun(() -> {
            Event ready = new Event();
            List<Task<Void>> waiters = new ArrayList<>();
            for (String name : List.of("a", "b", "c")) {
                waiters.add(createTask(() -> {
                    ready.await();
                    log.add(name + " at " + loopTime());
                    return null;
                }));
            }
            sleep(Duration.ofSeconds(2));
            assertEquals("<Event [unset, waiters:3]>", ready.toString());
            ready.set();
            gather(waiters);
            assertEquals("<Event [set]>", ready.toString());
            return null;
        });
        assertEquals(List.of("a at 2.0", "b at 2.0", "c at 2.0"), log);
    }

    @Test
    void clear_afterSet_stillLetsTheWokenWaitersReturn_butStopsNewOnes() {
        vrun(() -> {
            Event e = new Event();
            Task<Void> early = createTask(() -> {
                e.await();
                return null;
            });
            sleep(Duration.ZERO);
            e.set();
            e.clear();
            assertFalse(e.isSet());
            early.await();
            Task<Void> late = createTask(() -> {
                e.await();
                return null;
            });
            sleep(Duration.ofSeconds(1));
            assertFalse(late.isDone());
            late.cancel();
            assertThrows(CancellationException.class, late::await);
            assertEquals("<Event [unset]>", e.toString(), "the cancelled waiter is gone");
            return null;
        });
    }

    @Test
    void await_onASetEvent_returnsWithoutSuspending() {
        List<String> log = TestLoops.log();
        vrun(() -> {
            Event e = new Event();
            e.set();
            createTask(() -> log.add("other task"));
            e.await();
            log.add("main went on");
            sleep(Duration.ZERO);
            return null;
        });
        assertEquals(List.of("main went on", "other task"), log);
    }

    @Test
    void set_fromAnotherThread_goesThroughCallSoonThreadsafe() {
        vrun(() -> {
            Event e = new Event();
            EventLoop loop = getRunningLoop();
            Task<Void> waiter = createTask(() -> {
                e.await();
                return null;
            });
            sleep(Duration.ZERO);
            IllegalStateException direct = assertThrows(IllegalStateException.class, () -> toThread(() -> {
                e.set();
                return null;
            }));
            assertTrue(direct.getMessage().contains("callSoonThreadsafe"), direct.getMessage());
            toThread(() -> {
                loop.callSoonThreadsafe(e::set);
                return null;
            });
            waiter.await();
            assertTrue(e.isSet());
            return null;
        });
    }
}
