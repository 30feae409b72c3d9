/**
 * The helper library of the course on asynchronous programming in Java.
 *
 * <ul>
 *   <li>{@link asynccourse.loop} — an asyncio-style event loop: coroutines, tasks, gather,
 *       timeouts, task groups, clocks (real and virtual).</li>
 *   <li>{@link asynccourse.trace} — recording what each task did and when, and drawing it
 *       as a timeline (SVG or plain text).</li>
 *   <li>{@link asynccourse.examples} — the examples of the course ({@code say_after}, fib)
 *       shared by the notebooks and the tests.</li>
 *   <li>{@link asynccourse.bench} — the benchmark against CPython's asyncio.</li>
 *   <li>{@link asynccourse.notebook} — the checks with which notebooks assert their claims.</li>
 *   <li>{@link asynccourse.Version} — the library version.</li>
 * </ul>
 */
package asynccourse;
