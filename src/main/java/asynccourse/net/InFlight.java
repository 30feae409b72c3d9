package asynccourse.net;

import asynccourse.trace.Seconds;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How many downloads were in flight over time, from their start and end times: the peak, and a
 * step chart as SVG.
 *
 * <p>Threading: stateless. Nulls: the list must not be null.
 *
 * <pre>{@code
 * int peak = InFlight.peak(downloads);
 * display(InFlight.svg(downloads, "at most 20 at once"), "image/svg+xml");
 * }</pre>
 */
public final class InFlight {
    private InFlight() {}

    /** (time since the first start in nanoseconds, in flight from then on). */
    private record Step(long at, int count) {}

    private static List<Step> steps(List<Download> downloads) {
        Objects.requireNonNull(downloads, "downloads");
        long origin = downloads.stream().mapToLong(Download::startNanos).min().orElse(0);
        List<long[]> events = new ArrayList<>();
        for (Download d : downloads) {
            events.add(new long[] {d.startNanos() - origin, +1});
            events.add(new long[] {d.endNanos() - origin, -1});
        }
        events.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1])); // ends first
        List<Step> out = new ArrayList<>();
        int n = 0;
        for (long[] e : events) {
            n += (int) e[1];
            out.add(new Step(e[0], n));
        }
        return out;
    }

    /**
     * The most downloads in flight at the same moment (one that ends exactly when another
     * starts does not overlap it).
     *
     * @param downloads finished downloads
     * @return the peak
     */
    public static int peak(List<Download> downloads) {
        return steps(downloads).stream().mapToInt(Step::count).max().orElse(0);
    }

    /**
     * Draws the number in flight over time as a step chart.
     *
     * @param downloads finished downloads
     * @param title a caption
     * @return an SVG document
     */
    public static String svg(List<Download> downloads, String title) {
        Objects.requireNonNull(title, "title");
        List<Step> steps = steps(downloads);
        long end = steps.isEmpty() ? 1 : Math.max(1, steps.get(steps.size() - 1).at());
        int peak = Math.max(1, peak(downloads));
        int w = 640, h = 220, left = 50, right = 20, top = 30, bottom = 40;
        double sx = (double) (w - left - right) / end, sy = (double) (h - top - bottom) / peak;
        StringBuilder path = new StringBuilder();
        double y0 = h - bottom;
        path.append(String.format(Locale.ROOT, "M%.1f,%.1f", (double) left, y0));
        int prev = 0;
        for (Step s : steps) {
            double x = left + s.at() * sx;
            path.append(String.format(Locale.ROOT, " L%.1f,%.1f L%.1f,%.1f", x, y0 - prev * sy, x, y0 - s.count() * sy));
            prev = s.count();
        }
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n", w, h));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-weight=\"bold\">%s</text>%n", left, escape(title)));
        svg.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"1.5\"/>%n", path));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n", left, h - bottom, w - right, h - bottom));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n", left, top, left, h - bottom));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d</text>%n", left - 6, top + 4.0, peak));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>%n", left - 6, h - bottom + 4));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">0 s</text>%n", left, h - bottom + 16));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s s</text>%n", w - right, h - bottom + 16, Seconds.format(end)));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">time → (downloads in flight ↑)</text>%n", (left + w - right) / 2, h - 8));
        svg.append("</svg>\n");
        return svg.toString();
    }

    /**
     * A progress bar as HTML, for a notebook's live display.
     *
     * @param done how many are done
     * @param total how many in all
     * @param label what is counted ("pages")
     * @return an HTML fragment
     */
    public static String progressHtml(int done, int total, String label) {
        return String.format(Locale.ROOT, "<div><progress value=\"%d\" max=\"%d\" style=\"width:320px\"></progress> %d / %d %s</div>",
                done, Math.max(total, 1), done, total, escape(label));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
