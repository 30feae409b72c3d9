package asynccourse.loop;

import static asynccourse.loop.Asyncio.allTasks;
import static asynccourse.loop.Asyncio.createTask;
import static asynccourse.loop.Asyncio.currentTask;
import static asynccourse.loop.Asyncio.getRunningLoop;
import static asynccourse.loop.Asyncio.sleep;
import static asynccourse.loop.TestLoops.vrun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** EventLoop.callAt (loop.call_at) and Asyncio.allTasks (asyncio.all_tasks), on the virtual clock. */
@Timeout(30)
class CallAtAndAllTasksTest {

    @Test
    void callAt_runsAtTheLoopTime_inDeadlineOrder_pastTimesNextIteration() {
        List<String> log = TestLoops.log();
        vrun(() -> {
            EventLoop loop = getRunningLoop();
            loop.callAt(2.0, () -> log.add("b at " + loop.time()));
            loop.callAt(1.0, () -> log.add("a at " + loop.time()));
            TimerHandle never = loop.callAt(Double.POSITIVE_INFINITY, () -> log.add("never"));
            assertEquals(1.0, loop.callAt(1.0, () -> { }).when());
            sleep(Duration.ofSeconds(3));
            loop.callAt(0.5, () -> log.add("past at " + loop.time()));
            sleep(Duration.ZERO);
            sleep(Duration.ZERO);
            never.cancel();
            assertThrows(IllegalArgumentException.class, () -> loop.callAt(Double.NaN, () -> { }));
            return null;
        });
        assertEquals(List.of("a at 1.0", "b at 2.0", "past at 3.0"), log);
    }

    @Test
    void allTasks_isThePendingTasks_inCreationOrder() {
        vrun(() -> {
            Task<Void> a = createTask(() -> {
                sleep(Duration.ofSeconds(1));
                return null;
            });
            Task<Integer> b = createTask(() -> 1);
            assertEquals(List.of(currentTask(), a, b), List.copyOf(allTasks()));
            b.await();
            assertEquals(Set.of(currentTask(), a), allTasks());
            return null;
        });
        assertThrows(IllegalStateException.class, Asyncio::allTasks);
    }
}
