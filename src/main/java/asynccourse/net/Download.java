package asynccourse.net;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A finished download: what was asked for, what came back and how long it took.
 *
 * <p>Threading: immutable. Nulls: none of the components is null.
 *
 * @param url the URL as given
 * @param status the HTTP status (2xx: other statuses are a {@link DownloadException})
 * @param size the body's size in bytes
 * @param time from sending the request to having the whole body
 * @param startNanos {@link System#nanoTime()} when the request was sent (to draw downloads on one time axis)
 * @param body the body, decoded as UTF-8
 */
public record Download(String url, int status, long size, Duration time, long startNanos, String body) {
    private static final Pattern HREF = Pattern.compile("href=\"([^\"]*)\"");

    /** Checks the components. */
    public Download {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(body, "body");
    }

    /**
     * The CRC-32 of the body as 8 hex digits; for a page of a {@link Site}, equal to
     * {@link Site#checksum(int)}.
     *
     * @return the checksum
     */
    public String checksum() {
        return Site.crc32(body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@link System#nanoTime()} when the whole body had arrived.
     *
     * @return {@code startNanos + time}
     */
    public long endNanos() {
        return startNanos + time.toNanos();
    }

    /**
     * The links of the body ({@code href="..."}), resolved against this page's URL, in order.
     *
     * @return absolute URLs
     */
    public List<String> links() {
        java.net.URI base = java.net.URI.create(url);
        List<String> out = new ArrayList<>();
        Matcher m = HREF.matcher(body);
        while (m.find()) {
            out.add(base.resolve(m.group(1)).toString());
        }
        return out;
    }

    /** Without the body: url, status, size and time. */
    @Override
    public String toString() {
        return "Download[" + url + ", status " + status + ", " + size + " bytes, "
                + asynccourse.trace.Seconds.format(time) + " s]";
    }
}
