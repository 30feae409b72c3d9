package asynccourse.net;

import asynccourse.loop.Task;
import asynccourse.trace.Seconds;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * What became of each download of a batch, as a table: one row per URL with its outcome
 * ("200, 4000 bytes", "HTTP status", "timeout", "cancelled", ...) and the detail.
 *
 * <p>Threading: stateless. Nulls: lists must not be null; their elements neither.
 *
 * <pre>{@code
 * List<Object> results = gatherReturnExceptions(tasks);
 * display(Outcomes.html(urls, results), "text/html");
 * }</pre>
 */
public final class Outcomes {
    private Outcomes() {}

    /**
     * One row: the URL's path, the outcome in a few words, the detail.
     *
     * @param path the URL's path
     * @param outcome e.g. "ok", "timeout", "cancelled"
     * @param detail what exactly
     */
    public record Row(String path, String outcome, String detail) {}

    /**
     * The rows for results as {@code gatherReturnExceptions} returns them: a {@link Download} or
     * a {@link Throwable} per URL.
     *
     * @param urls the URLs, in the order of the results
     * @param results one result or exception each
     * @return the rows
     */
    public static List<Row> rows(List<String> urls, List<?> results) {
        Objects.requireNonNull(urls, "urls");
        Objects.requireNonNull(results, "results");
        if (urls.size() != results.size()) {
            throw new IllegalArgumentException(urls.size() + " URLs but " + results.size() + " results");
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            rows.add(row(urls.get(i), results.get(i)));
        }
        return rows;
    }

    /**
     * The rows for the tasks of a batch (one per URL), done or not: finished ones with their
     * download, failed ones with their exception, cancelled ones as "cancelled".
     *
     * @param urls the URLs, in the order of the tasks
     * @param tasks the tasks
     * @return the rows
     */
    public static List<Row> rowsOfTasks(List<String> urls, List<? extends Task<?>> tasks) {
        Objects.requireNonNull(tasks, "tasks");
        List<Object> results = new ArrayList<>();
        for (Task<?> t : tasks) {
            if (!t.isDone()) {
                results.add("still running");
            } else if (t.isCancelled()) {
                results.add(new CancellationException());
            } else if (t.exception() != null) {
                results.add(t.exception());
            } else {
                results.add(t.result());
            }
        }
        return rows(urls, results);
    }

    private static Row row(String url, Object result) {
        String path = URI.create(url).getPath();
        if (result instanceof Download d) {
            return new Row(path, "ok", d.status() + ", " + d.size() + " bytes in " + Seconds.format(d.time()) + " s");
        }
        if (result instanceof DownloadException e) {
            String words = e.reason() == DownloadException.Reason.HTTP_STATUS ? "HTTP " + e.status() : e.reason().words();
            return new Row(path, words, e.getMessage().substring(e.getMessage().indexOf("failed: ") + 8));
        }
        if (result instanceof CancellationException) {
            return new Row(path, "cancelled", "cancelled before it finished");
        }
        if (result instanceof Throwable t) {
            return new Row(path, t.getClass().getSimpleName(), String.valueOf(t.getMessage()));
        }
        return new Row(path, String.valueOf(result), "");
    }

    /**
     * The rows as an HTML table.
     *
     * @param urls the URLs
     * @param results one result or exception each
     * @return an HTML table
     */
    public static String html(List<String> urls, List<?> results) {
        return html(rows(urls, results));
    }

    /**
     * Rows as an HTML table.
     *
     * @param rows the rows
     * @return an HTML table
     */
    public static String html(List<Row> rows) {
        StringBuilder sb = new StringBuilder("<table><tr><th>page</th><th>outcome</th><th>detail</th></tr>");
        for (Row r : rows) {
            sb.append("<tr><td><code>").append(escape(r.path())).append("</code></td><td>").append(escape(r.outcome()))
                    .append("</td><td>").append(escape(r.detail())).append("</td></tr>");
        }
        return sb.append("</table>").toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
