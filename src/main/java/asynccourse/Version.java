package asynccourse;

/**
 * The version of the course's helper library, read from the build-filtered resource
 * {@code asynccourse/version.properties}.
 *
 * <p>Threading: stateless apart from a lazily read, immutable value; safe from any thread.
 * Cancellation: not applicable. Nulls: never returns null.
 *
 * <pre>{@code
 * System.out.println("async-course " + asynccourse.Version.get());
 * }</pre>
 */
public final class Version {
    private Version() {}

    private static final class Holder {
        static final String VERSION = load();
    }

    /**
     * Returns the library version, for example {@code "0.1.0"}.
     *
     * @return the Maven project version this jar was built from
     */
    public static String get() {
        return Holder.VERSION;
    }

    private static String load() {
        return BuildResources.get("version.properties", "version");
    }
}
