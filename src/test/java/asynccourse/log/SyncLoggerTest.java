package asynccourse.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncLoggerTest {
    @TempDir
    Path dir;

    @Test
    void log_lineIsInTheFileWhenLogReturns() throws IOException {
        Path file = dir.resolve("sync.log");
        try (SyncLogger log = SyncLogger.open(file)) {
            log.log("one");
            assertEquals(List.of("one"), Files.readAllLines(file));
            log.log("two");
            assertEquals(2, log.written());
        }
        assertEquals(List.of("one", "two"), Files.readAllLines(file));
    }

    @Test
    void devFull_theCallerGetsTheException() throws IOException {
        Path devFull = Path.of("/dev/full");
        Assumptions.assumeTrue(Files.isWritable(devFull), "/dev/full is not here (not Linux?)");
        try (SyncLogger log = SyncLogger.open(devFull)) {
            IOException e = assertThrows(IOException.class, () -> log.log("hello"));
            assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
            assertEquals(0, log.written());
        }
    }

    @Test
    void smallDisk_throwsOnceFull_afterTheLinesThatFit() throws IOException {
        try (SmallDisk disk = SmallDisk.ofBytes(2 * 1024); SyncLogger log = SyncLogger.open(disk.path("a.log"))) {
            IOException e = assertThrows(IOException.class, () -> {
                for (int i = 0; i < 1000; i++) {
                    log.log("line number " + i); // 16 or so bytes
                }
            });
            assertTrue(log.written() > 100 && log.written() < 200, "written " + log.written());
            assertTrue(e.getMessage().contains("out of disk space"), e.getMessage());
        }
    }
}
