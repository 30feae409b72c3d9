package asynccourse.log;

/**
 * The counts of a {@link FireAndForgetLogger}: lines handed to {@code log}, lines on the disk,
 * lines given up (queue full, after a fault, after close). Every accepted line ends up in
 * exactly one of {@code written} and {@code dropped}; until then it is {@link #pending()}.
 * Once {@code close()} has returned, {@code written + dropped == accepted}.
 *
 * @param accepted lines handed to {@code log} (every call counts)
 * @param written lines known to be written completely to the file
 * @param dropped lines given up: queue full, logged after a fault or after close, or not
 *     written by the time close's limit ran out
 */
public record LogStats(long accepted, long written, long dropped) {
    /**
     * Returns the lines accepted but not yet written or dropped (still in the queue or being
     * written); 0 after close.
     *
     * @return {@code accepted - written - dropped}
     */
    public long pending() {
        return accepted - written - dropped;
    }

    @Override
    public String toString() {
        return "accepted " + accepted + ", written " + written + ", dropped " + dropped
                + (pending() != 0 ? ", pending " + pending() : "");
    }
}
