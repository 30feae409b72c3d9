package asynccourse.trace;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** Draws a {@link Timeline} as SVG. */
final class SvgRenderer {
    private SvgRenderer() {}

    private static final int WIDTH = 800;
    private static final int ROW = 26;
    private static final int BAR = 16;
    private static final int TOP = 30;
    private static final String RUN_COLOR = "#2f6fd6";
    private static final String WAIT_COLOR = "#9db8e8";
    /** The shortest time axis drawn: 1 ms, ticks of 0.2 ms. */
    static final long MIN_SPAN_NANOS = 1_000_000L;

    static String render(Timeline tl, Collection<String> tasks, long endNanos) {
        int maxName = 4;
        for (String t : tasks) {
            maxName = Math.max(maxName, Math.min(t.length(), 28));
        }
        int left = 16 + maxName * 7;
        int right = 24;
        int plot = WIDTH - left - right;
        int rows = tasks.size();
        int axisY = TOP + rows * ROW + 6;
        int height = axisY + 64;
        // a run that took no time (virtual clock, no sleeps) still gets a readable axis
        long span = Math.max(MIN_SPAN_NANOS, endNanos);
        double step = niceStep(span / 1e9);

        StringBuilder sb = new StringBuilder(4096);
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        sb.append("<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
                + "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#e8effb\"/>"
                + "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"").append(WAIT_COLOR)
                .append("\" stroke-width=\"3\"/></pattern></defs>\n");
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        sb.append("<text x=\"").append(left).append("\" y=\"18\" font-weight=\"bold\">Timeline: running and waiting, per lane ("
                + "time in seconds)</text>\n");

        // grid and axis: one pass over the ticks, by index (no drift from adding up steps)
        StringBuilder grid = new StringBuilder("<g stroke=\"#dddddd\">\n");
        StringBuilder labels = new StringBuilder();
        int ticks = (int) Math.floor(span / 1e9 / step + 1e-9);
        for (int i = 0; i <= ticks; i++) {
            double t = i * step;
            double x = left + plot * (t * 1e9) / span;
            grid.append("<line x1=\"").append(f(x)).append("\" y1=\"").append(TOP - 4).append("\" x2=\"").append(f(x))
                    .append("\" y2=\"").append(axisY).append("\"/>\n");
            labels.append("<text x=\"").append(f(x)).append("\" y=\"").append(axisY + 16)
                    .append("\" text-anchor=\"middle\" fill=\"#333333\">").append(label(t, step)).append("</text>\n");
        }
        sb.append(grid).append("</g>\n");
        sb.append("<line x1=\"").append(left).append("\" y1=\"").append(axisY).append("\" x2=\"").append(left + plot)
                .append("\" y2=\"").append(axisY).append("\" stroke=\"#333333\"/>\n");
        sb.append(labels);

        // lanes
        int row = 0;
        for (String task : tasks) {
            int y = TOP + row * ROW;
            if (row % 2 == 1) {
                sb.append("<rect x=\"0\" y=\"").append(y - 4).append("\" width=\"").append(WIDTH).append("\" height=\"")
                        .append(ROW).append("\" fill=\"#f7f7f7\"/>\n");
            }
            String name = task.length() > 28 ? task.substring(0, 27) + "…" : task;
            sb.append("<text x=\"").append(left - 8).append("\" y=\"").append(y + BAR - 3)
                    .append("\" text-anchor=\"end\">").append(esc(name)).append("</text>\n");
            // waiting spans first, so that the (thin) running bars are drawn on top of them
            List<Span> ordered = new ArrayList<>(tl.waits(task));
            ordered.addAll(tl.running(task));
            for (Span s : ordered) {
                double x1 = left + plot * (double) s.start().toNanos() / span;
                double x2 = left + plot * (double) s.end().toNanos() / span;
                double w = Math.max(x2 - x1, s.kind() == TraceEvent.Kind.RUNNING ? 2.0 : 0.5);
                if (s.kind() == TraceEvent.Kind.RUNNING) {
                    sb.append("<rect x=\"").append(f(x1)).append("\" y=\"").append(y).append("\" width=\"").append(f(w))
                            .append("\" height=\"").append(BAR).append("\" fill=\"").append(RUN_COLOR).append("\">")
                            .append("<title>").append(esc(task)).append(" running ")
                            .append(Seconds.format(s.start().toNanos())).append("–").append(Seconds.format(s.end().toNanos()))
                            .append(" s</title></rect>\n");
                } else {
                    sb.append("<rect x=\"").append(f(x1)).append("\" y=\"").append(y + 2).append("\" width=\"")
                            .append(f(w)).append("\" height=\"").append(BAR - 4)
                            .append("\" fill=\"url(#hatch)\" stroke=\"").append(WAIT_COLOR).append("\">")
                            .append("<title>").append(esc(task)).append(" waiting on ").append(esc(s.detail()))
                            .append(' ').append(Seconds.format(s.start().toNanos())).append("–")
                            .append(Seconds.format(s.end().toNanos())).append(" s</title></rect>\n");
                    if (w > 7.0 * s.detail().length() + 8) {
                        sb.append("<text x=\"").append(f(x1 + 4)).append("\" y=\"").append(y + BAR - 4)
                                .append("\" font-size=\"11\" fill=\"#1d3f7a\">").append(esc(s.detail()))
                                .append("</text>\n");
                    }
                }
            }
            TraceEvent.Kind out = tl.outcome(task);
            if (out != null) {
                double x = left + plot * (double) tl.outcomeNanos(task) / span;
                String color = switch (out) {
                    case DONE -> "#2a9d3a";
                    case FAILED -> "#d62f2f";
                    default -> "#e08a00";
                };
                sb.append("<circle cx=\"").append(f(x)).append("\" cy=\"").append(y + BAR / 2)
                        .append("\" r=\"4\" fill=\"").append(color).append("\"><title>").append(esc(task)).append(' ')
                        .append(out.name().toLowerCase(Locale.ROOT)).append(" at ")
                        .append(Seconds.format(tl.outcomeNanos(task))).append(" s</title></circle>\n");
            }
            row++;
        }

        // legend
        int ly = axisY + 34;
        int lx = left;
        sb.append("<rect x=\"").append(lx).append("\" y=\"").append(ly).append("\" width=\"18\" height=\"12\" fill=\"")
                .append(RUN_COLOR).append("\"/><text x=\"").append(lx + 24).append("\" y=\"").append(ly + 10)
                .append("\">running</text>\n");
        lx += 100;
        sb.append("<rect x=\"").append(lx).append("\" y=\"").append(ly).append("\" width=\"18\" height=\"12\" "
                + "fill=\"url(#hatch)\" stroke=\"").append(WAIT_COLOR).append("\"/><text x=\"").append(lx + 24)
                .append("\" y=\"").append(ly + 10).append("\">waiting (on what: label)</text>\n");
        lx += 190;
        String[][] outs = {{"#2a9d3a", "done"}, {"#d62f2f", "failed"}, {"#e08a00", "cancelled"}};
        for (String[] o : outs) {
            sb.append("<circle cx=\"").append(lx + 6).append("\" cy=\"").append(ly + 6).append("\" r=\"4\" fill=\"")
                    .append(o[0]).append("\"/><text x=\"").append(lx + 16).append("\" y=\"").append(ly + 10)
                    .append("\">").append(o[1]).append("</text>\n");
            lx += 90;
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    static double niceStep(double seconds) {
        if (seconds <= 0) {
            return 1;
        }
        double raw = seconds / 8;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * mag >= raw) {
                return m * mag;
            }
        }
        return 10 * mag;
    }

    private static String label(double t, double step) {
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
        return String.format(Locale.ROOT, "%." + decimals + "f", t);
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        sb.append('?');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
