/**
 * Logging without waiting: chapter 01's example of "asynchronous".
 *
 * <ul>
 *   <li>{@link asynccourse.log.FireAndForgetLogger} — {@code log(line)} queues the line and
 *       returns; one background writer writes batches; a full disk stops the writing, not the
 *       program.</li>
 *   <li>{@link asynccourse.log.WhenFull} — what happens when the queue is full.</li>
 *   <li>{@link asynccourse.log.LogStats} — accepted, written, dropped.</li>
 *   <li>{@link asynccourse.log.SyncLogger} — the naive logger that writes before it returns.</li>
 *   <li>{@link asynccourse.log.SmallDisk} — a small in-memory disk that fills up (Jimfs).</li>
 * </ul>
 */
package asynccourse.log;
