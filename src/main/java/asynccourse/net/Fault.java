package asynccourse.net;

/**
 * The fault pages of a {@link PageServer}, each at {@code /fault/NAME}.
 */
public enum Fault {
    /** Answers 404 Not Found. */
    NOT_FOUND("not-found"),
    /** Answers 500 Internal Server Error. */
    SERVER_ERROR("server-error"),
    /** Answers only after an hour: slower than any sane timeout. */
    TOO_SLOW("too-slow"),
    /** Announces 10,000 bytes, sends 1,000, then closes the connection. */
    CLOSED_MID_BODY("closed-mid-body"),
    /** Sends {@link PageServer#OVERSIZED_BYTES} bytes without announcing a length (chunked). */
    OVERSIZED("oversized");

    private final String slug;

    Fault(String slug) {
        this.slug = slug;
    }

    /**
     * The path of this fault page on the server.
     *
     * @return {@code /fault/NAME}
     */
    public String path() {
        return "/fault/" + slug;
    }
}
