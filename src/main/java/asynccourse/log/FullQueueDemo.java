package asynccourse.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * What each {@link WhenFull} policy keeps when the writer falls behind: a logger with a small
 * queue whose writer is held back while a burst of lines is logged, then let go.
 *
 * <p>Threading: runs on the calling thread (plus the logger's writer). Cancellation: not
 * applicable. Nulls: the policy must not be null.
 *
 * <pre>{@code
 * FullQueueDemo.keptLines(WhenFull.DROP_NEWEST, 10, 100);   // line 1 .. line 10
 * }</pre>
 */
public final class FullQueueDemo {
    private FullQueueDemo() {}

    /**
     * Logs {@code "line 1"} to {@code "line N"} into a logger with a queue of {@code capacity}
     * lines whose writer does not start until the burst is over (with {@link WhenFull#WAIT},
     * until 100 ms have passed, or the caller would wait forever), then closes it and reads
     * the file back.
     *
     * @param policy the policy to try
     * @param capacity the queue's capacity
     * @param lines how many lines to log
     * @return the lines that reached the file, in order
     */
    public static List<String> keptLines(WhenFull policy, int capacity, int lines) {
        try (SmallDisk disk = SmallDisk.ofBytes(1024 * 1024)) {
            Path file = disk.path("burst.log");
            CountDownLatch go = new CountDownLatch(1);
            FireAndForgetLogger log = FireAndForgetLogger.to(file).capacity(capacity).whenFull(policy)
                    .threadFactory(r -> new Thread(() -> {
                        try {
                            go.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        r.run();
                    }, "log-writer (held back)")).open();
            Thread releaser = null;
            if (policy == WhenFull.WAIT) {
                releaser = Thread.ofPlatform().daemon().start(() -> {
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    go.countDown();
                });
            }
            for (int i = 1; i <= lines; i++) {
                log.log("line " + i);
            }
            go.countDown();
            log.close(Duration.ofSeconds(10));
            if (releaser != null) {
                releaser.interrupt();
            }
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
