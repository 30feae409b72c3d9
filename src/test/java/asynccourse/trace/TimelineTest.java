package asynccourse.trace;

import static asynccourse.loop.Asyncio.createTask;
import static asynccourse.loop.Asyncio.gather;
import static asynccourse.loop.Asyncio.runTraced;
import static asynccourse.loop.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asynccourse.examples.SayAfter;
import asynccourse.loop.EventLoop;
import asynccourse.loop.RunResult;
import asynccourse.loop.Task;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class TimelineTest {
    private static final Consumer<String> QUIET = s -> { };

    private static RunResult<Void> sayAfterProgram() {
        return runTraced(EventLoop.builder().virtualClock(), () -> {
            Task<String> t1 = createTask(() -> SayAfter.sayAfter(Duration.ofSeconds(1), "hello", QUIET));
            Task<String> t2 = createTask(() -> SayAfter.sayAfter(Duration.ofSeconds(2), "world", QUIET));
            t1.await();
            t2.await();
            return null;
        });
    }

    private static Span waitSpan(Timeline tl, String task, int i) {
        return tl.waits(task).get(i);
    }

    @Test
    void sayAfterProgram_spansOnVirtualClock() {
        RunResult<Void> r = sayAfterProgram();
        Timeline tl = r.timeline();
        assertEquals(Duration.ofSeconds(2), r.elapsed());
        assertEquals(List.of("main", "Task-1", "Task-2"), tl.tasks());

        Span hello = waitSpan(tl, "Task-1", 0);
        assertEquals(Duration.ZERO, hello.start());
        assertEquals(Duration.ofSeconds(1), hello.end());
        assertEquals("sleep 1.000s", hello.detail());
        Span world = waitSpan(tl, "Task-2", 0);
        assertEquals(Duration.ZERO, world.start());
        assertEquals(Duration.ofSeconds(2), world.end());
        assertEquals("sleep 2.000s", world.detail());

        assertEquals(3, tl.running("main").size(), "main runs before, between and after its two awaits");
        assertEquals(2, tl.waits("main").size());
        assertEquals("task Task-1", waitSpan(tl, "main", 0).detail());
        assertEquals(1.0, waitSpan(tl, "main", 0).endSeconds());
        assertEquals("task Task-2", waitSpan(tl, "main", 1).detail());
        assertEquals(2.0, waitSpan(tl, "main", 1).endSeconds());

        assertEquals(TraceEvent.Kind.DONE, tl.outcome("Task-1"));
        assertEquals(TraceEvent.Kind.DONE, tl.outcome("main"));
        assertNull(tl.outcome("nobody"));
        assertEquals(List.of(), tl.spans("nobody"));
        // the running spans take no virtual time
        for (Span s : tl.spans("Task-1")) {
            if (s.kind() == TraceEvent.Kind.RUNNING) {
                assertEquals(Duration.ZERO, s.duration());
            }
        }
        assertEquals(Duration.ofSeconds(2), tl.end());
    }

    @Test
    void events_recordCreationRunningWaitingDone() {
        Timeline tl = sayAfterProgram().timeline();
        List<TraceEvent.Kind> kinds = tl.events().stream().filter(e -> e.task().equals("Task-1"))
                .map(TraceEvent::kind).toList();
        assertEquals(List.of(TraceEvent.Kind.CREATED, TraceEvent.Kind.RUNNING, TraceEvent.Kind.WAITING,
                TraceEvent.Kind.RUNNING, TraceEvent.Kind.DONE), kinds);
    }

    @Test
    void waitingDetails_nameWhatIsAwaited() {
        RunResult<List<Integer>> r = runTraced(EventLoop.builder().virtualClock(), () -> gather(
                createTask(() -> 1), createTask(() -> 2)));
        assertEquals("gather(2)", r.timeline().waits("main").get(0).detail());
    }

    @Test
    void failedAndCancelledTasks_markedInTimeline() {
        Timeline tl = runTraced(EventLoop.builder().virtualClock().warnings(QUIET), () -> {
            Task<Void> bad = createTask(() -> {
                throw new IllegalStateException("x");
            }, "bad");
            Task<Void> sleepy = createTask(() -> {
                sleep(Duration.ofSeconds(5));
                return null;
            }, "sleepy");
            sleep(Duration.ofSeconds(1));
            sleepy.cancel();
            sleep(Duration.ZERO);
            bad.exception();
            return null;
        }).timeline();
        assertEquals(TraceEvent.Kind.FAILED, tl.outcome("bad"));
        assertEquals(TraceEvent.Kind.CANCELLED, tl.outcome("sleepy"));
    }

    @Test
    void text_hasOneLanePerTaskAndAScale() {
        String text = sayAfterProgram().timeline().text(40);
        String[] lines = text.split("\n");
        assertTrue(lines[0].contains("0s") && lines[0].contains("2.000s"), text);
        assertTrue(lines[1].startsWith("main   |#"), text);
        assertTrue(lines[2].startsWith("Task-1 |#...."), text);
        assertTrue(lines[3].startsWith("Task-2 |#...."), text);
        assertTrue(lines[4].contains("# running") && lines[4].contains(". waiting"), text);
        assertEquals(5, lines.length, text);
        assertEquals(sayAfterProgram().timeline().text(), sayAfterProgram().timeline().toString());
        assertThrows(IllegalArgumentException.class, () -> Timeline.of(List.of()).text(3));
    }

    @Test
    void svg_isWellFormedXml_withRowsBarsAxisAndLegend() throws Exception {
        String svg = sayAfterProgram().timeline().svg();
        Document doc = parse(svg);
        assertEquals("svg", doc.getDocumentElement().getTagName());
        assertEquals("800", doc.getDocumentElement().getAttribute("width"));
        assertTrue(doc.getElementsByTagName("rect").getLength() >= 9);
        assertTrue(svg.contains(">main<") && svg.contains(">Task-1<") && svg.contains(">Task-2<"));
        assertTrue(svg.contains("sleep 2.000s"));
        assertTrue(svg.contains("running") && svg.contains("waiting"));
        assertTrue(svg.contains("url(#hatch)"));
    }

    @Test
    void svg_escapesTaskNames() throws Exception {
        String svg = runTraced(EventLoop.builder().virtualClock(), () -> createTask(() -> 1, "<a & \"b\">").await())
                .timeline().svg();
        parse(svg);
        assertTrue(svg.contains("&lt;a &amp; &quot;b&quot;&gt;"));
    }

    @Test
    void svg_zeroLengthRun_axisHasAFewReadableTicks() throws Exception {
        // on a virtual clock a run without sleeps takes no time at all
        String svg = runTraced(EventLoop.builder().virtualClock(), () -> createTask(() -> 1).await())
                .timeline().svg();
        parse(svg);
        long ticks = svg.lines().filter(l -> l.contains("text-anchor=\"middle\"")).count();
        assertTrue(ticks >= 2 && ticks <= 12, "axis ticks: " + ticks + "\n" + svg);
        assertTrue(svg.contains(">0.0000<") && svg.contains(">0.0010<"), svg);
    }

    @Test
    void traceEvent_negativeTime_refused() {
        assertThrows(IllegalArgumentException.class, () -> new TraceEvent(-1, "main", TraceEvent.Kind.CREATED, ""));
    }

    @Test
    void svg_ofEmptyTimeline_isWellFormed() throws Exception {
        parse(Timeline.of(List.of()).svg());
    }

    @Test
    void realClockTrace_elapsedIsPositive() {
        RunResult<Integer> r = runTraced(() -> {
            sleep(Duration.ofMillis(20));
            return 1;
        });
        assertTrue(r.elapsed().toMillis() >= 20);
        assertEquals(1, r.value());
    }

    @Test
    void timelineOfTracingOffLoop_refused() {
        try (EventLoop loop = EventLoop.builder().build()) {
            assertThrows(IllegalStateException.class, loop::timeline);
        }
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void of_workStartsLaterThanTheRecorder_axisStartsAtTheFirstRunningStep() {
        long ms = 1_000_000;
        Timeline tl = Timeline.of(List.of(
                new TraceEvent(1 * ms, "main", TraceEvent.Kind.CREATED, ""),
                new TraceEvent(25 * ms, "main", TraceEvent.Kind.RUNNING, ""),
                new TraceEvent(26 * ms, "main", TraceEvent.Kind.WAITING, "sleep"),
                new TraceEvent(36 * ms, "main", TraceEvent.Kind.RUNNING, ""),
                new TraceEvent(37 * ms, "main", TraceEvent.Kind.DONE, "")));
        assertEquals(Duration.ofMillis(25), tl.start());
        assertEquals(Duration.ZERO, tl.running("main").get(0).start());
        assertEquals(Duration.ofMillis(11), tl.waits("main").get(0).end());
        assertEquals(Duration.ofMillis(12), tl.end());
        assertTrue(tl.text().contains("done at 0.012s"), tl.text());
        assertEquals(25 * ms, tl.events().get(1).nanos(), "the events keep the recorder's times");
    }

    @Test
    void runTraced_realClock_timelineStartsWithMainsFirstStep() {
        Timeline tl = runTraced(() -> asynccourse.examples.Fib.withTasks(4)).timeline();
        assertEquals(Duration.ZERO, tl.running("main").get(0).start());
        assertTrue(tl.start().compareTo(Duration.ZERO) >= 0);
    }
}
