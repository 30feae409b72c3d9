package asynccourse.log;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Objects;

/**
 * The naive logger, for comparison with {@link FireAndForgetLogger}: {@link #log} writes the
 * line to the file before it returns (one write to the operating system per line, as a file
 * appender that flushes every line does), so the caller waits for the disk, and a full disk
 * throws its {@link IOException} right into the caller's code.
 *
 * <p>Threading: not thread-safe; one thread logs. Cancellation: not applicable. Nulls:
 * {@code log(null)} logs {@code "null"}; the file must not be null.
 *
 * <pre>{@code
 * try (SyncLogger log = SyncLogger.open(Path.of("app.log"))) {
 *     log.log("step 1");            // back when the line is in the file
 * }
 * }</pre>
 */
public final class SyncLogger implements Closeable {
    private final Path file;
    private final SeekableByteChannel channel;
    private final Duration writeDelay;
    private long written;

    private SyncLogger(Path file, SeekableByteChannel channel, Duration writeDelay) {
        this.file = file;
        this.channel = channel;
        this.writeDelay = writeDelay;
    }

    /**
     * Opens (creates, or appends to) {@code file}.
     *
     * @param file the log file
     * @return the logger
     * @throws IOException when the file cannot be opened
     */
    public static SyncLogger open(Path file) throws IOException {
        return open(file, Duration.ZERO);
    }

    /**
     * Opens {@code file} on a slow disk, for demonstrations: every write first waits
     * {@code perWrite}, as a busy disk or a network file system makes a writer wait.
     *
     * @param file the log file
     * @param perWrite zero or more
     * @return the logger
     * @throws IOException when the file cannot be opened
     * @throws IllegalArgumentException when the delay is negative
     */
    public static SyncLogger open(Path file, Duration perWrite) throws IOException {
        Objects.requireNonNull(file, "file");
        if (perWrite.isNegative()) {
            throw new IllegalArgumentException("the delay per write must not be negative, got " + perWrite);
        }
        return new SyncLogger(file, Files.newByteChannel(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND), perWrite);
    }

    /**
     * Writes {@code line} and a newline to the file, and returns when the operating system has
     * it.
     *
     * @param line the line ({@code null} logs "null")
     * @throws IOException whatever the write throws: no space left, file closed, ...
     */
    public void log(String line) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        FireAndForgetLogger.slowDisk(writeDelay);
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
        written++;
    }

    /**
     * Returns how many lines were written completely.
     *
     * @return the count
     */
    public long written() {
        return written;
    }

    /**
     * Returns the file.
     *
     * @return the file
     */
    public Path file() {
        return file;
    }

    /**
     * Closes the file.
     *
     * @throws IOException from closing the file
     */
    @Override
    public void close() throws IOException {
        channel.close();
    }
}
