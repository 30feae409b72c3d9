package asynccourse.loop;

/**
 * The {@link Held} that {@link Lock#hold()} and {@link Semaphore#hold()} return: its first
 * {@code close()} releases, later ones do nothing.
 *
 * <p>Threading: as the primitive it came from (loop-confined). Nulls: arguments must not be null.
 */
final class HeldOnce implements Held {
    private final Runnable release;
    private final String what;
    private final Object owner;
    private boolean released;

    /**
     * @param release gives back what is held
     * @param what the description's first words ("held", "held permit of")
     * @param owner the lock or semaphore, described as it is when {@code toString()} is called
     */
    HeldOnce(Runnable release, String what, Object owner) {
        this.release = release;
        this.what = what;
        this.owner = owner;
    }

    @Override
    public void close() {
        if (!released) {
            released = true;
            release.run();
        }
    }

    @Override
    public String toString() {
        return "<" + what + " " + owner + ">";
    }
}
