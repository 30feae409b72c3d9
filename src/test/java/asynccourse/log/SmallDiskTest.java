package asynccourse.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class SmallDiskTest {
    @Test
    void ofBytes_notAMultipleOfTheBlock_saysWhatToPass() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SmallDisk.ofBytes(1000));
        assertTrue(e.getMessage().contains("multiple of 1024"), e.getMessage());
    }

    @Test
    void write_pastTheSize_throwsOutOfSpace_andUsedStaysWithinTheSize() throws IOException {
        try (SmallDisk disk = SmallDisk.ofBytes(8 * 1024)) {
            Files.write(disk.path("a"), new byte[8 * 1024]);
            assertEquals(8 * 1024, disk.used());
            assertThrows(IOException.class, () -> Files.write(disk.path("b"), new byte[1]));
            assertEquals(8 * 1024, disk.maxBytes());
        }
    }
}
