package asynccourse.net;

import java.util.Objects;

/**
 * A download that failed, naming the URL and what went wrong ({@link #reason()}).
 *
 * <p>Threading: immutable. Nulls: url and reason are never null; {@link #status()} is 0 unless
 * the reason is {@link Reason#HTTP_STATUS}.
 */
public final class DownloadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Reason {
        /** The URL is not an http:// or https:// URL with a host. */
        MALFORMED_URL("malformed URL"),
        /** The host name could not be resolved. */
        UNKNOWN_HOST("unknown host"),
        /** Nothing listens on the port. */
        CONNECTION_REFUSED("connection refused"),
        /** The server answered with a status other than 2xx. */
        HTTP_STATUS("HTTP status"),
        /** No answer within the timeout. */
        TIMEOUT("timeout"),
        /** The connection closed before the whole body arrived. */
        CONNECTION_CLOSED("connection closed mid-body"),
        /** The body was larger than the limit. */
        TOO_LARGE("body too large"),
        /** Any other I/O failure. */
        IO("I/O error");

        private final String words;

        Reason(String words) {
            this.words = words;
        }

        /**
         * The reason in a few words.
         *
         * @return e.g. "connection refused"
         */
        public String words() {
            return words;
        }
    }

    private final String url;
    private final Reason reason;
    private final int status;

    /**
     * Creates the exception.
     *
     * @param url the URL
     * @param reason what went wrong
     * @param status the HTTP status for {@link Reason#HTTP_STATUS}, else 0
     * @param detail what exactly, in words
     * @param cause the underlying exception, or null
     */
    public DownloadException(String url, Reason reason, int status, String detail, Throwable cause) {
        super("GET " + url + " failed: " + detail, cause);
        this.url = Objects.requireNonNull(url, "url");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.status = status;
    }

    /**
     * The URL that failed.
     *
     * @return the URL as given
     */
    public String url() {
        return url;
    }

    /**
     * What went wrong.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }

    /**
     * The HTTP status for {@link Reason#HTTP_STATUS}, else 0.
     *
     * @return the status
     */
    public int status() {
        return status;
    }
}
