package asynccourse.trace;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What each task did and when: one lane per task (the main coroutine included), made of
 * running and waiting {@link Span}s, drawn as SVG ({@link #svg()}) or plain text
 * ({@link #text()}).
 *
 * <p>Time zero is where the traced work starts: the first step that runs (a task's creation
 * before it is no work). Spans, outcomes, {@link #end()} and the drawings count from there, so
 * the set-up of a loop on the real clock (starting its thread, tens of milliseconds on a cold
 * JVM) does not squeeze the work into the right edge; {@link #events()} keeps the recorder's
 * own times, and {@link #start()} says where zero lies on them.
 *
 * <p>Threading: immutable once built; safe from any thread. Cancellation: not applicable.
 * Nulls: {@link #of(List)} rejects null; {@link #spans(String)} returns an empty list for an
 * unknown task, {@link #outcome(String)} null for an unfinished one.
 *
 * <pre>{@code
 * RunResult<Void> r = runTraced(() -> { ...; return null; });
 * System.out.println(r.timeline().text());
 * Files.writeString(Path.of("timeline.svg"), r.timeline().svg());
 * }</pre>
 */
public final class Timeline {
    private final List<TraceEvent> events;
    private final Map<String, Lane> lanes;
    private final long endNanos;
    private final long startNanos;

    private static final class Lane {
        final List<Span> spans = new ArrayList<>();
        TraceEvent.Kind outcome;
        long outcomeNanos;
        TraceEvent.Kind openKind;
        long openStart;
        String openDetail;

        void close(long t) {
            if (openKind != null) {
                spans.add(new Span(Duration.ofNanos(openStart), Duration.ofNanos(Math.max(openStart, t)),
                        openKind, openDetail));
                openKind = null;
            }
        }
    }

    private Timeline(List<TraceEvent> events) {
        this.events = List.copyOf(events);
        long start = this.events.stream().filter(e -> e.kind() != TraceEvent.Kind.CREATED)
                .mapToLong(TraceEvent::nanos).min()
                .orElseGet(() -> this.events.stream().mapToLong(TraceEvent::nanos).min().orElse(0));
        Map<String, Lane> m = new LinkedHashMap<>();
        long end = 0;
        for (TraceEvent e : this.events) {
            long t = Math.max(0, e.nanos() - start);
            end = Math.max(end, t);
            Lane lane = m.computeIfAbsent(e.task(), k -> new Lane());
            switch (e.kind()) {
                case CREATED -> { } // the lane exists from now on; nothing to close
                case RUNNING, WAITING -> {
                    lane.close(t);
                    lane.openKind = e.kind();
                    lane.openStart = t;
                    lane.openDetail = e.kind() == TraceEvent.Kind.WAITING ? e.detail() : "";
                }
                case DONE, FAILED, CANCELLED -> {
                    lane.close(t);
                    lane.outcome = e.kind();
                    lane.outcomeNanos = t;
                }
            }
        }
        for (Lane lane : m.values()) {
            lane.close(end);
        }
        this.lanes = m;
        this.endNanos = end;
        this.startNanos = start;
    }

    /**
     * Builds a timeline from events (as recorded by a {@link Trace}).
     *
     * @param events the events, in recording order
     * @return the timeline
     */
    public static Timeline of(List<TraceEvent> events) {
        return new Timeline(Objects.requireNonNull(events, "events"));
    }

    /**
     * Puts two timelines on the same time axis into one picture: the lanes of {@code first}
     * (say, a loop's tasks) above those of {@code second} (say, the worker threads of a
     * {@link Lanes} recorded with {@link Lanes#onClock} on the loop's time). Both must count
     * time from the same origin; lane names must differ between the two.
     *
     * @param first the upper lanes
     * @param second the lower lanes
     * @return the combined timeline; its {@link #events()} are first's, then second's
     * @throws IllegalArgumentException if a lane name occurs in both
     */
    public static Timeline merge(Timeline first, Timeline second) {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        for (String lane : second.lanes.keySet()) {
            if (first.lanes.containsKey(lane)) {
                throw new IllegalArgumentException("both timelines have a lane named '" + lane
                        + "': rename one (lanes of a merged timeline must be distinct)");
            }
        }
        List<TraceEvent> all = new ArrayList<>(first.events);
        all.addAll(second.events);
        return new Timeline(all);
    }

    /**
     * Returns the events.
     *
     * @return the events, in order
     */
    public List<TraceEvent> events() {
        return events;
    }

    /**
     * Returns the task names, in order of first appearance.
     *
     * @return the names
     */
    public List<String> tasks() {
        return List.copyOf(lanes.keySet());
    }

    /**
     * Returns the spans of a task, in time order.
     *
     * @param task the task's name
     * @return its spans, empty if unknown
     */
    public List<Span> spans(String task) {
        Lane lane = lanes.get(task);
        return lane == null ? List.of() : Collections.unmodifiableList(lane.spans);
    }

    /**
     * Returns the waiting spans of a task.
     *
     * @param task the task's name
     * @return its waiting spans
     */
    public List<Span> waits(String task) {
        return spans(task, TraceEvent.Kind.WAITING);
    }

    /**
     * Returns the running spans of a task: its steps, one per stretch between two awaits.
     *
     * @param task the task's name
     * @return its running spans
     */
    public List<Span> running(String task) {
        return spans(task, TraceEvent.Kind.RUNNING);
    }

    /**
     * Tells whether the given tasks ran one at a time: no running span of one of them overlaps
     * a running span of another (or another of its own). This is read from the trace, so it
     * holds however fast or busy the machine is.
     *
     * <pre>{@code
     * boolean inTurn = r.timeline().oneAtATime(List.of("fib A", "fib B", "fib C", "fib D"));
     * }</pre>
     *
     * @param tasks the tasks' names
     * @return true when no two of their running spans overlap
     * @throws IllegalArgumentException when one of the tasks never ran on this timeline, so
     *     that a misspelt name cannot pass for "ran one at a time"
     */
    public boolean oneAtATime(java.util.Collection<String> tasks) {
        Objects.requireNonNull(tasks, "tasks");
        List<Span> all = new ArrayList<>();
        for (String task : tasks) {
            List<Span> steps = running(task);
            if (steps.isEmpty()) {
                throw new IllegalArgumentException("task '" + task + "' never ran on this timeline; its tasks: " + tasks());
            }
            all.addAll(steps);
        }
        all.sort(java.util.Comparator.comparing(Span::start));
        for (int i = 1; i < all.size(); i++) {
            if (all.get(i).overlaps(all.get(i - 1))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Tells whether two tasks took turns: while both were under way (from the later of their
     * first running steps to the earlier of their last), their running steps alternate, one of
     * {@code a}, one of {@code b}, never two of the same in a row; and there was such a stretch
     * (two tasks run one after another never took turns). A late start of one of them does not
     * count against it: only the stretch in which both were under way is read.
     *
     * <pre>{@code
     * boolean turns = reading.timeline().tookTurns("thread 1 · book 1", "thread 2 · book 2");
     * }</pre>
     *
     * @param a one task's name
     * @param b the other's
     * @return true when they alternated while both were under way
     * @throws IllegalArgumentException when one of them never ran on this timeline
     */
    public boolean tookTurns(String a, String b) {
        List<Span> as = running(a);
        List<Span> bs = running(b);
        if (as.isEmpty() || bs.isEmpty()) {
            throw new IllegalArgumentException("both tasks must have run on this timeline: '" + a + "' ran " + as.size()
                    + " step(s), '" + b + "' " + bs.size() + "; its tasks: " + tasks());
        }
        Duration from = max(as.getFirst().start(), bs.getFirst().start());
        Duration to = min(as.getLast().end(), bs.getLast().end());
        List<Map.Entry<Span, Boolean>> both = new ArrayList<>(); // a span, and whether it is a's
        for (Span s : as) {
            both.add(Map.entry(s, true));
        }
        for (Span s : bs) {
            both.add(Map.entry(s, false));
        }
        both.sort(java.util.Comparator.comparing(e -> e.getKey().start()));
        List<Boolean> inTurn = both.stream()
                .filter(e -> e.getKey().start().compareTo(from) >= 0 && e.getKey().end().compareTo(to) <= 0)
                .map(Map.Entry::getValue).toList();
        if (inTurn.size() < 2) {
            return false;
        }
        for (int i = 1; i < inTurn.size(); i++) {
            if (inTurn.get(i).equals(inTurn.get(i - 1))) {
                return false;
            }
        }
        return true;
    }

    private static Duration max(Duration x, Duration y) {
        return x.compareTo(y) >= 0 ? x : y;
    }

    private static Duration min(Duration x, Duration y) {
        return x.compareTo(y) <= 0 ? x : y;
    }

    private List<Span> spans(String task, TraceEvent.Kind kind) {
        return spans(task).stream().filter(s -> s.kind() == kind).toList();
    }

    /**
     * Returns how a task ended: DONE, FAILED, CANCELLED, or null if it had not ended.
     *
     * @param task the task's name
     * @return the final kind, or null
     */
    public TraceEvent.Kind outcome(String task) {
        Lane lane = lanes.get(task);
        return lane == null ? null : lane.outcome;
    }

    /**
     * Returns where the timeline's zero lies on the recorder's clock (the time of the first
     * running step, as {@link #events()} give it).
     *
     * @return the offset of time zero
     */
    public Duration start() {
        return Duration.ofNanos(startNanos);
    }

    /**
     * Returns the time of the last event, counted from {@link #start()}.
     *
     * @return the end of the timeline
     */
    public Duration end() {
        return Duration.ofNanos(endNanos);
    }

    // ------------------------------------------------------------------ text

    /**
     * Returns the plain-text drawing, 60 columns wide.
     *
     * @return the drawing
     */
    public String text() {
        return text(60);
    }

    /**
     * Returns the plain-text drawing: one lane per task, {@code #} running, {@code .} waiting,
     * with a scale in seconds.
     *
     * @param columns the width of the lanes, at least 10
     * @return the drawing
     */
    public String text(int columns) {
        if (columns < 10) {
            throw new IllegalArgumentException("columns < 10: " + columns);
        }
        int labelWidth = 4;
        for (String name : lanes.keySet()) {
            labelWidth = Math.max(labelWidth, name.length());
        }
        labelWidth = Math.min(labelWidth, 24);
        long span = Math.max(1, endNanos);
        StringBuilder sb = new StringBuilder();
        String left = "0s";
        String right = Seconds.format(endNanos) + "s";
        sb.append(pad("", labelWidth)).append(' ').append(' ').append(left);
        int gap = columns - left.length() - right.length();
        sb.append(" ".repeat(Math.max(1, gap))).append(right).append('\n');
        for (Map.Entry<String, Lane> e : lanes.entrySet()) {
            char[] cells = new char[columns];
            java.util.Arrays.fill(cells, ' ');
            for (Span s : e.getValue().spans) {
                if (s.kind() != TraceEvent.Kind.WAITING) {
                    continue;
                }
                int a = cell(s.start().toNanos(), span, columns);
                int b = cell(s.end().toNanos(), span, columns);
                for (int i = a; i <= b; i++) {
                    cells[i] = '.';
                }
            }
            for (Span s : e.getValue().spans) {
                if (s.kind() != TraceEvent.Kind.RUNNING) {
                    continue;
                }
                int a = cell(s.start().toNanos(), span, columns);
                int b = Math.max(a, cell(s.end().toNanos(), span, columns));
                for (int i = a; i <= b; i++) {
                    cells[i] = '#';
                }
            }
            String name = e.getKey();
            if (name.length() > labelWidth) {
                name = name.substring(0, labelWidth - 1) + "~";
            }
            sb.append(pad(name, labelWidth)).append(" |").append(cells).append('|');
            TraceEvent.Kind out = e.getValue().outcome;
            if (out != null) {
                sb.append(' ').append(out.name().toLowerCase(Locale.ROOT)).append(" at ")
                        .append(Seconds.format(e.getValue().outcomeNanos)).append('s');
            }
            sb.append('\n');
        }
        sb.append(pad("", labelWidth)).append("  # running   . waiting\n");
        return sb.toString();
    }

    private int cell(long t, long span, int columns) {
        int c = (int) (t * (double) columns / span);
        return Math.max(0, Math.min(columns - 1, c));
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s : s + " ".repeat(w - s.length());
    }

    @Override
    public String toString() {
        return text();
    }

    // ------------------------------------------------------------------ svg

    /**
     * Returns a self-contained SVG drawing (800 px wide): one row per task, solid bars while
     * running, hatched bars labelled with what the task waits on, a time axis in seconds and a
     * legend.
     *
     * @return the SVG document
     */
    public String svg() {
        return SvgRenderer.render(this, lanes.keySet(), endNanos);
    }

    long outcomeNanos(String task) {
        return lanes.get(task).outcomeNanos;
    }
}
