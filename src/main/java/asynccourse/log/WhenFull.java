package asynccourse.log;

/**
 * What {@link FireAndForgetLogger#log} does with a line when its queue is full (the writer has
 * fallen behind, or the disk is slow).
 *
 * <p>How the two big Java logging libraries choose, for comparison:
 * <ul>
 *   <li>Logback's {@code AsyncAppender} (queue of 256 events by default) <b>waits</b> when the
 *       queue is full ({@code neverBlock=false}); it also starts throwing away TRACE, DEBUG and
 *       INFO events once only a fifth of the queue is left ({@code discardingThreshold}).
 *       With {@code neverBlock=true} it drops instead of waiting.</li>
 *   <li>Log4j2's {@code AsyncAppender} <b>waits</b> for a free slot by default
 *       ({@code blocking="true"}); with {@code blocking="false"} the event goes to an error
 *       appender instead, and its {@code DiscardingAsyncQueueFullPolicy} drops events at or
 *       below a level (INFO by default) when the queue is full.</li>
 * </ul>
 * This course's logger drops by default: "fire and forget" means the caller never waits.
 */
public enum WhenFull {
    /** Drop the line being logged and count it (the default): the oldest lines are kept. */
    DROP_NEWEST,
    /** Make room by dropping the oldest waiting line, and count it: the newest lines are kept. */
    DROP_OLDEST,
    /**
     * The caller waits until there is room (never after {@code close()}; an interrupt ends the
     * wait and drops the line). Not for code on an event loop: it would stall every task.
     */
    WAIT
}
