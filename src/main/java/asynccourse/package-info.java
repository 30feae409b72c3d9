/**
 * The helper library of the course on asynchronous programming in Java. Its packages are of two
 * kinds.
 *
 * <p><b>The course's machinery</b>, used by every chapter:
 * <ul>
 *   <li>{@link asynccourse.loop} — an asyncio-style event loop: coroutines, tasks, gather,
 *       timeouts, task groups, queues and locks, streams, clocks (real and virtual). Start
 *       here.</li>
 *   <li>{@link asynccourse.trace} — recording what each task did and when, and drawing it
 *       as a timeline (SVG or plain text).</li>
 *   <li>{@link asynccourse.notebook} — the checks with which notebooks assert their claims and
 *       answer exercises, and the kernel's report of interrupted runs.</li>
 * </ul>
 *
 * <p><b>The chapters' examples</b>, each used by the chapters named:
 * <ul>
 *   <li>{@link asynccourse.log} (01) — a fire-and-forget logger, and a disk that fills up.</li>
 *   <li>{@link asynccourse.books} (01) — one reader, many books: cores, threads and waiting,
 *       measured.</li>
 *   <li>{@link asynccourse.examples} (02–04) — the article's programs: {@code say_after}, fib
 *       with and without tasks.</li>
 *   <li>{@link asynccourse.net} (05) — a web server on loopback and concurrent downloads.</li>
 *   <li>{@link asynccourse.parallel} (07) — CPU-bound work on several cores, and CPython
 *       beside it.</li>
 *   <li>{@link asynccourse.everyday} (08) — the same ideas with CompletableFuture and virtual
 *       threads.</li>
 * </ul>
 *
 * <p>Beside them: {@link asynccourse.Version}, the library's version. The benchmark against
 * CPython's asyncio ({@code asynccourse.bench}) is built apart from this jar, from
 * {@code src/bench/java}.
 */
package asynccourse;
