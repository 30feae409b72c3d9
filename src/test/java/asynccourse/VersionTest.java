package asynccourse;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VersionTest {
    @Test
    void version_isFilteredFromThePom() {
        String v = Version.get();
        assertTrue(v.matches("\\d+\\.\\d+\\.\\d+.*"), v);
    }
}
