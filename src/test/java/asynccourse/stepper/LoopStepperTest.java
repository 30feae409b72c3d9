package asynccourse.stepper;

import static asynccourse.loop.Asyncio.createTask;
import static asynccourse.loop.Asyncio.gather;
import static asynccourse.loop.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asynccourse.examples.Fib;
import asynccourse.examples.SayAfter;
import asynccourse.loop.Asyncio;
import asynccourse.loop.Coroutine;
import asynccourse.loop.EventLoop;
import asynccourse.loop.LoopSnapshot;
import asynccourse.loop.Task;
import asynccourse.trace.TraceEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LoopStepperTest {

    private static String quiet(Duration d, String what) {
        return SayAfter.sayAfter(d, what, s -> { });
    }

    /** The chapters' programs: 02's awaits in turn, 03's tasks, 04's fib of tasks, 06's cancellation. */
    static List<Map.Entry<String, Coroutine<?>>> chapterPrograms() {
        Coroutine<?> inTurn = () -> quiet(Duration.ofSeconds(1), "hello") + quiet(Duration.ofSeconds(2), "world");
        Coroutine<?> asTasks = () -> {
            Task<String> a = createTask(() -> quiet(Duration.ofSeconds(1), "hello"));
            Task<String> b = createTask(() -> quiet(Duration.ofSeconds(2), "world"));
            return a.await() + b.await();
        };
        Coroutine<?> fib = () -> Fib.withTasks(5);
        Coroutine<?> cancel = () -> {
            Task<String> t = createTask(() -> quiet(Duration.ofSeconds(5), "never"), "slow");
            sleep(Duration.ofSeconds(1));
            t.cancel();
            try {
                return t.await();
            } catch (java.util.concurrent.CancellationException e) {
                return "cancelled";
            }
        };
        Coroutine<?> unawaited = () -> {
            createTask(() -> quiet(Duration.ofSeconds(3), "left behind"), "forgotten");
            sleep(Duration.ZERO);
            return gather(List.of(createTask(() -> quiet(Duration.ofMillis(500), "x"))));
        };
        return List.of(Map.entry("02 in turn", inTurn), Map.entry("03 as tasks", asTasks), Map.entry("04 fib", fib),
                Map.entry("06 cancel", cancel), Map.entry("03 unawaited", unawaited));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chapterPrograms")
    void steps_chapterProgram_equalTheTraceOfRun(Map.Entry<String, Coroutine<?>> program) {
        assertStepsMatchRun(program.getValue());
    }

    @Test
    void steps_randomPrograms_equalTheTraceOfRun() {
        for (long seed = 1; seed <= 60; seed++) {
            try {
                assertStepsMatchRun(RandomPrograms.of(seed));
            } catch (AssertionError e) {
                throw new AssertionError("program of seed " + seed + ": " + e.getMessage(), e);
            }
        }
    }

    /** The steps' events end to end are the run's trace; each step ran what the queue before it showed; the clock jumps to the first timer. */
    private static void assertStepsMatchRun(Coroutine<?> program) {
        List<TraceEvent> expected = Asyncio.runTraced(EventLoop.builder().virtualClock(), program).timeline().events();
        LoopStepper s = LoopStepper.runAll(program);
        List<LoopStep> steps = s.steps();
        List<TraceEvent> shown = new ArrayList<>();
        steps.forEach(st -> shown.addAll(st.events()));
        assertEquals(expected, shown);
        assertTrue(steps.getLast().last());
        for (int k = 1; k < steps.size(); k++) {
            LoopSnapshot before = steps.get(k - 1).state();
            LoopStep step = steps.get(k);
            List<String> queued = before.ready().stream().filter(i -> i.task() != null).map(LoopSnapshot.Item::task).toList();
            List<String> running = step.events().stream().filter(e -> e.kind() == TraceEvent.Kind.RUNNING).map(TraceEvent::task).toList();
            assertTrue(isSubsequence(running, queued), "step " + k + " ran " + running + " but the queue showed " + queued);
            if (step.state().nanos() > before.nanos()) {
                assertTrue(before.ready().isEmpty(), "step " + k + ": the clock moved with work ready");
                assertEquals(before.timers().getFirst().nanos(), step.state().nanos(), "step " + k + ": the clock jumps to the first timer");
            }
        }
    }

    private static boolean isSubsequence(List<String> part, List<String> whole) {
        Iterator<String> it = whole.iterator();
        outer:
        for (String p : part) {
            while (it.hasNext()) {
                if (it.next().equals(p)) {
                    continue outer;
                }
            }
            return false;
        }
        return true;
    }

    @Test
    void start_createTask_queuesTheTaskAndRunsNothing() {
        try (LoopStepper s = LoopStepper.start(() -> {
            Task<String> t = createTask(() -> quiet(Duration.ofSeconds(1), "hi"), "greeter");
            return t.await();
        })) { // closing runs a stepper left half-way to its end: no coroutine outlives a failed assertion
            assertEquals(List.of("start main"), s.last().state().ready().stream().map(LoopSnapshot.Item::what).toList());
            LoopStep one = s.step();
            assertEquals(List.of("start main → stopped at greeter.await()", "new task greeter (on the ready queue)"), one.ran());
            assertEquals(List.of("start greeter"), one.state().ready().stream().map(LoopSnapshot.Item::what).toList());
            LoopStep two = s.step();
            assertEquals(List.of("start greeter → stopped at sleep(1 s)"), two.ran());
            assertEquals(1_000_000_000L, two.state().timers().getFirst().nanos());
            assertEquals("wake greeter from its sleep", two.state().timers().getFirst().what());
            LoopStep three = s.step();
            assertEquals(1.0, three.state().seconds());
            assertEquals(List.of("timer 1.000 s: wake greeter from its sleep"), three.ran());
            assertEquals("resume greeter (its sleep is over)", three.state().ready().getFirst().what());
            s.step();
            assertEquals("resume main (greeter is done)", s.last().state().ready().getFirst().what());
            s.run();
            assertTrue(s.isFinished());
            assertEquals("hi", s.result());
            assertEquals(s.last(), s.step(), "a step after the end is the last step again");
        }
    }

    @Test
    void step_tellsTheListener_andHtmlEscapes() {
        List<String> drawn = new ArrayList<>();
        try (LoopStepper s = LoopStepper.start(() -> {
            sleep(Duration.ofMillis(500));
            return null;
        }).onChange(drawn::add)) { // closing runs a stepper left half-way to its end: no coroutine outlives a failed assertion
            s.step();
            s.step();
            assertEquals(2, drawn.size());
            assertFalse(drawn.get(0).equals(drawn.get(1)));
            assertTrue(drawn.get(1).contains("<li>resume main (its sleep is over)</li>"), drawn.get(1));
            assertEquals("a &lt;b&gt; &amp; &quot;c&quot;", StepHtml.escape("a <b> & \"c\""));
            s.run();
            assertTrue(s.filmStrip().contains("program ended"));
        }
    }

    @Test
    void result_programFailed_rethrows() {
        LoopStepper s = LoopStepper.runAll(() -> {
            throw new IllegalArgumentException("bad");
        });
        assertEquals("bad", assertThrows(IllegalArgumentException.class, s::result).getMessage());
        assertTrue(s.last().ran().getFirst().startsWith("start main → failed"), s.last().ran().toString());
    }

    @Test
    void close_halfWay_runsToTheEndWithoutDrawing() {
        List<String> drawn = new ArrayList<>();
        LoopStepper s = LoopStepper.start(() -> {
            sleep(Duration.ofSeconds(1));
            return "end";
        }).onChange(drawn::add);
        s.step();
        s.close();
        assertTrue(s.isFinished());
        assertEquals("end", s.result());
        assertEquals(1, drawn.size(), "close() draws nothing");
        s.close(); // twice: nothing
    }

    @Test
    void run_programThatDoesNotEnd_givesUpWithAMessage() {
        boolean[] stop = new boolean[1];
        LoopStepper s = LoopStepper.start(() -> {
            while (!stop[0]) {
                sleep(Duration.ZERO);
            }
            return "stopped";
        });
        String msg = assertThrows(IllegalStateException.class, s::run).getMessage();
        assertTrue(msg.contains("more than 1000 loop iterations"), msg);
        stop[0] = true; // lets it end, so that no coroutine outlives the test
        while (!s.isFinished()) {
            s.step();
        }
        assertEquals("stopped", s.result());
    }

    @Test
    void result_beforeTheEnd_saysRunFirst() {
        try (LoopStepper s = LoopStepper.start(() -> null)) { // closing runs a stepper left half-way to its end: no coroutine outlives a failed assertion
            assertTrue(assertThrows(IllegalStateException.class, s::result).getMessage().contains("run()"));
            s.run();
        }
    }

    @Test
    void awaitName_namesAwaitsAsWritten() {
        assertEquals("sleep(1 s)", LoopStep.awaitName("sleep 1.000s"));
        assertEquals("sleep(0.5 s)", LoopStep.awaitName("sleep 0.500s"));
        assertEquals("sleep(0 s)", LoopStep.awaitName("sleep 0.000s"));
        assertEquals("Task-2.await()", LoopStep.awaitName("task Task-2"));
        assertEquals("gather(2 tasks)", LoopStep.awaitName("gather(2)"));
    }
}
