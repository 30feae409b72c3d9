/**
 * Tracing what the tasks of an event loop did, and drawing it.
 *
 * <ul>
 *   <li>{@link asynccourse.trace.Trace} — the recorder a loop built with {@code .trace(true)}
 *       writes into (tracing off: no recorder, one null check per event site).</li>
 *   <li>{@link asynccourse.trace.TraceEvent} — one event: created, running, waiting (on
 *       what), done, failed, cancelled.</li>
 *   <li>{@link asynccourse.trace.Timeline}, {@link asynccourse.trace.Span} — the events as
 *       lanes of running and waiting spans per task, drawn as SVG or plain text.</li>
 * </ul>
 */
package asynccourse.trace;
