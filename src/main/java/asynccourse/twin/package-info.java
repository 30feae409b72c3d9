/**
 * Live Python twins: a demo's asyncio version and its Java version, each run on a virtual clock
 * and traced in the same format, side by side with a verdict.
 *
 * <ul>
 *   <li>{@link asynccourse.twin.LiveTwin} — runs both sides: the Python text through the
 *       project's own Python and the course's {@code notebooks/asyncio_twin.py} (asyncio's own loop
 *       on a virtual clock, with a tracer), the Java coroutine through {@code runTraced}.</li>
 *   <li>{@link asynccourse.twin.TwinResult} — the two traces, the verdict (identical, or the first
 *       line that differs, and whether a Python newer than the asyncio 3.11 the Java loop follows
 *       explains it) and a drawing.</li>
 * </ul>
 */
package asynccourse.twin;
