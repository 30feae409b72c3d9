package asynccourse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Reads the build-filtered resources of the library ({@code asynccourse/*.properties}, whose
 * {@code ${...}} the Maven build fills in from pom.xml).
 *
 * <p>Threading: stateless. Nulls: never returns null; a missing resource or key throws.
 */
final class BuildResources {
    private BuildResources() {}

    /**
     * Returns the value of {@code key} in the resource {@code /asynccourse/<name>}.
     *
     * @throws IllegalStateException if the resource or key is missing or was not filtered
     */
    static String get(String name, String key) {
        String resource = "/asynccourse/" + name;
        try (InputStream in = BuildResources.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty(key);
            if (v == null || v.isBlank() || v.contains("${")) {
                throw new IllegalStateException(resource + " was not filtered by the build: " + key + "=" + v);
            }
            return v.trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
