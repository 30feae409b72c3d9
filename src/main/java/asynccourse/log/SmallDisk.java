package asynccourse.log;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A tiny disk in memory that fills up: a Jimfs file system with a maximum size, so a notebook
 * or a test can run out of space on any operating system. Writing past the size throws an
 * {@link IOException} ("out of disk space"), as a full disk does.
 *
 * <p>Threading: the file system is thread-safe. Cancellation: not applicable. Nulls: names
 * must not be null.
 *
 * <pre>{@code
 * try (SmallDisk disk = SmallDisk.ofBytes(64 * 1024)) {
 *     Path file = disk.path("app.log");
 *     ...
 * }
 * }</pre>
 */
public final class SmallDisk implements Closeable {
    /** The disk's block size in bytes; its capacity is a whole number of blocks. */
    public static final int BLOCK_SIZE = 1024;

    private final FileSystem fs;
    private final long maxBytes;

    private SmallDisk(long maxBytes) {
        this.maxBytes = maxBytes;
        this.fs = Jimfs.newFileSystem(Configuration.unix().toBuilder()
                .setBlockSize(BLOCK_SIZE)
                .setMaxSize(maxBytes)
                .build());
    }

    /**
     * Makes an empty disk that holds {@code maxBytes} of file contents.
     *
     * @param maxBytes a multiple of {@value #BLOCK_SIZE}, at least one block
     * @return the disk
     * @throws IllegalArgumentException when the size is not a positive multiple of the block size
     */
    public static SmallDisk ofBytes(long maxBytes) {
        if (maxBytes < BLOCK_SIZE || maxBytes % BLOCK_SIZE != 0) {
            throw new IllegalArgumentException("the size must be a positive multiple of " + BLOCK_SIZE
                    + " bytes (e.g. 64 * 1024), got " + maxBytes);
        }
        return new SmallDisk(maxBytes);
    }

    /**
     * Returns a path to a file in the disk's top folder.
     *
     * @param name the file's name, e.g. "app.log"
     * @return the path (the file need not exist)
     */
    public Path path(String name) {
        return fs.getPath("/").resolve(name);
    }

    /**
     * Returns the disk's capacity.
     *
     * @return bytes of file contents it holds
     */
    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Returns the bytes used by the files in the top folder.
     *
     * @return the sum of their sizes
     * @throws IOException when listing fails
     */
    public long used() throws IOException {
        try (var files = Files.list(fs.getPath("/"))) {
            long sum = 0;
            for (Path p : (Iterable<Path>) files::iterator) {
                sum += Files.size(p);
            }
            return sum;
        }
    }

    /** Throws the disk away. */
    @Override
    public void close() throws IOException {
        fs.close();
    }
}
