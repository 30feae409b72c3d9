package asynccourse.net;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.zip.CRC32;

/**
 * A site of the {@link PageServer}: {@code pages} pages, numbered from 0, each answered after
 * {@code latency} with a body of exactly {@code size} bytes. Content is deterministic: page
 * {@code i} of a site is the same text on every run and every machine, so a download can be
 * verified against {@link #checksum(int)}.
 *
 * <p>Links: page {@code i} links to pages {@code 2i+1} and {@code 2i+2} (those that exist) and
 * back to page {@code (i-1)/2}, so every page is reachable from page 0 and a crawler must
 * remember what it has seen. Links are written {@code <a href="/site/NAME/J">}.
 *
 * <p>Threading: immutable. Nulls: the name must not be null.
 *
 * <pre>{@code
 * Site news = new Site("news", 200, Duration.ofMillis(500), 2_000);
 * String body = news.body(7);        // 2,000 ASCII characters, links to pages 15, 16 and 3
 * }</pre>
 *
 * @param name the site's name, in its URLs: letters, digits and '-'
 * @param pages how many pages, at least 1
 * @param latency how long the server waits before it answers, not negative
 * @param size the body size of every page in bytes, at least {@link #MIN_SIZE}
 */
public record Site(String name, int pages, Duration latency, int size) {
    /** The smallest page size: room for the title and the links. */
    public static final int MIN_SIZE = 256;

    /** Checks the arguments. */
    public Site {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(latency, "latency");
        if (!name.matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("site name '" + name + "': use letters, digits and '-' only");
        }
        if (pages < 1) {
            throw new IllegalArgumentException("site '" + name + "': pages must be at least 1, got " + pages);
        }
        if (latency.isNegative()) {
            throw new IllegalArgumentException("site '" + name + "': negative latency " + latency);
        }
        if (size < MIN_SIZE) {
            throw new IllegalArgumentException("site '" + name + "': size must be at least " + MIN_SIZE + " bytes, got " + size);
        }
    }

    /**
     * The path of page {@code i} on the server, {@code /site/NAME/i}.
     *
     * @param i the page number
     * @return its path
     */
    public String path(int i) {
        checkPage(i);
        return "/site/" + name + "/" + i;
    }

    /**
     * The pages that page {@code i} links to, in the order its body lists them.
     *
     * @param i the page number
     * @return the linked page numbers
     */
    public List<Integer> links(int i) {
        checkPage(i);
        List<Integer> out = new ArrayList<>(3);
        if (2L * i + 1 < pages) {
            out.add(2 * i + 1);
        }
        if (2L * i + 2 < pages) {
            out.add(2 * i + 2);
        }
        if (i > 0) {
            out.add((i - 1) / 2);
        }
        return out;
    }

    /**
     * The body of page {@code i}: exactly {@link #size()} ASCII bytes, the same on every run.
     *
     * @param i the page number
     * @return the body
     */
    public String body(int i) {
        checkPage(i);
        StringBuilder sb = new StringBuilder(size);
        sb.append("<html><title>").append(name).append(" page ").append(i).append("</title><body>\n");
        for (int j : links(i)) {
            sb.append("<a href=\"").append(path(j)).append("\">page ").append(j).append("</a>\n");
        }
        SplittableRandom random = new SplittableRandom(name.hashCode() * 1_000_003L + i);
        String tail = "\n</body></html>\n";
        while (sb.length() < size - tail.length()) {
            sb.append((char) ('a' + random.nextInt(26)));
            if (random.nextInt(8) == 0 && sb.length() < size - tail.length()) {
                sb.append(' ');
            }
        }
        sb.setLength(size - tail.length());
        sb.append(tail);
        return sb.toString();
    }

    /**
     * The CRC-32 of page {@code i}'s body, as 8 hex digits; compare it with
     * {@link Download#checksum()}.
     *
     * @param i the page number
     * @return the checksum
     */
    public String checksum(int i) {
        return crc32(body(i).getBytes(StandardCharsets.US_ASCII));
    }

    static String crc32(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return String.format("%08x", crc.getValue());
    }

    private void checkPage(int i) {
        if (i < 0 || i >= pages) {
            throw new IndexOutOfBoundsException("site '" + name + "' has pages 0 to " + (pages - 1) + ", not " + i);
        }
    }
}
