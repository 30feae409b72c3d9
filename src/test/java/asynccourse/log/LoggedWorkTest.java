package asynccourse.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoggedWorkTest {
    @TempDir
    Path dir;

    @Test
    void bothLoops_logEveryStep_sameLines() throws IOException {
        LoggedWork.Run sync = LoggedWork.withSyncLogger(dir.resolve("s.log"), 300, 2, Duration.ZERO);
        LoggedWork.Run fire = LoggedWork.withFireAndForget(dir.resolve("f.log"), 300, 2, Duration.ZERO);
        assertEquals(300, sync.linesInFile());
        assertEquals(300, fire.linesInFile());
        assertEquals(Files.readAllLines(dir.resolve("s.log")), Files.readAllLines(dir.resolve("f.log")));
    }

    @Test
    void slowDisk_theSyncLoopWaitsForEveryWrite_atLeastStepsTimesTheDelay() throws IOException {
        LoggedWork.Run sync = LoggedWork.withSyncLogger(dir.resolve("s.log"), 20, 1, Duration.ofMillis(5));
        assertTrue(sync.loop().compareTo(Duration.ofMillis(100)) >= 0, "20 writes of 5 ms: " + sync.loop());
    }

    @Test
    void slowDisk_negativeDelay_rejected() {
        assertThrows(IllegalArgumentException.class, () -> SyncLogger.open(dir.resolve("x"), Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> FireAndForgetLogger.to(dir.resolve("x")).slowDisk(Duration.ofMillis(-1)));
    }
}
