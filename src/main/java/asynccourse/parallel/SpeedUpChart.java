package asynccourse.parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Draws speed-up curves as SVG: speed-up against the number of workers, one line per measured
 * {@link SpeedUp}, with the ideal (one core per worker, up to the cores), Amdahl's law for a
 * given parallel fraction, and a mark at the number of cores, beyond which more workers only
 * share the same cores (oversubscription).
 *
 * <p>Threading: a builder confined to one thread; {@link #svg()} may be called any number of
 * times. Nulls: not accepted.
 *
 * <pre>{@code
 * String svg = new SpeedUpChart("fib pieces on platform threads", SpeedUp.cores())
 *         .series("Java threads", measured)
 *         .amdahl(measured.parallelFraction(SpeedUp.cores()))
 *         .svg();
 * }</pre>
 */
public final class SpeedUpChart {
    static final int WIDTH = 640;
    static final int HEIGHT = 380;
    static final int LEFT = 56;
    static final int RIGHT = 230;
    static final int TOP = 36;
    static final int BOTTOM = 48;
    private static final String[] COLORS = {"#2f6fd6", "#d62f2f", "#2a9d3a", "#8a4fd6", "#444444"};

    private final String title;
    private final int cores;
    private final List<String> names = new ArrayList<>();
    private final List<SpeedUp> series = new ArrayList<>();
    private double amdahlP = Double.NaN;

    /**
     * Starts a chart.
     *
     * @param title the caption
     * @param cores the machine's cores, at least 1
     */
    public SpeedUpChart(String title, int cores) {
        this.title = Objects.requireNonNull(title, "title");
        if (cores < 1) {
            throw new IllegalArgumentException("cores must be at least 1, got " + cores);
        }
        this.cores = cores;
    }

    /**
     * Adds a measured curve (at most five).
     *
     * @param name its legend
     * @param speedUp the measurement
     * @return this chart
     */
    public SpeedUpChart series(String name, SpeedUp speedUp) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(speedUp, "speedUp");
        if (series.size() == COLORS.length) {
            throw new IllegalArgumentException("a chart holds at most " + COLORS.length + " curves");
        }
        names.add(name);
        series.add(speedUp);
        return this;
    }

    /**
     * Draws Amdahl's law for parallel fraction {@code p} too; NaN draws nothing.
     *
     * @param p between 0 and 1, or NaN
     * @return this chart
     */
    public SpeedUpChart amdahl(double p) {
        if (!Double.isNaN(p) && !(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("p is a fraction between 0 and 1, got " + p);
        }
        this.amdahlP = p;
        return this;
    }

    int maxWorkers() {
        int m = 2 * cores;
        for (SpeedUp s : series) {
            List<Integer> w = s.workers();
            m = Math.max(m, w.get(w.size() - 1));
        }
        return m;
    }

    double maxSpeedUp() {
        double m = cores;
        for (SpeedUp s : series) {
            for (SpeedUp.Point p : s.points()) {
                m = Math.max(m, p.speedUp());
            }
        }
        return Math.ceil(m + 0.5);
    }

    double x(double workers) {
        int max = maxWorkers();
        return LEFT + (WIDTH - LEFT - RIGHT) * (workers - 1) / Math.max(1, max - 1);
    }

    double y(double speedUp) {
        return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * speedUp / maxSpeedUp();
    }

    /**
     * Returns the SVG document.
     *
     * @return the drawing
     */
    public String svg() {
        int maxW = maxWorkers();
        double maxS = maxSpeedUp();
        int plotRight = WIDTH - RIGHT;
        StringBuilder sb = new StringBuilder(4096);
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        sb.append("<text x=\"").append(LEFT).append("\" y=\"20\" font-weight=\"bold\">").append(esc(title)).append("</text>\n");
        // grid and axes
        sb.append("<g stroke=\"#dddddd\">\n");
        for (int s = 0; s <= maxS; s++) {
            sb.append(line(LEFT, y(s), plotRight, y(s)));
        }
        for (int w = 1; w <= maxW; w++) {
            sb.append(line(x(w), y(0), x(w), y(maxS)));
        }
        sb.append("</g>\n");
        for (int s = 0; s <= maxS; s++) {
            sb.append(text(LEFT - 8, y(s) + 4, "end", s + "×"));
        }
        for (int w = 1; w <= maxW; w++) {
            sb.append(text(x(w), y(0) + 16, "middle", Integer.toString(w)));
        }
        sb.append(text((LEFT + plotRight) / 2.0, HEIGHT - 10, "middle", "workers"));
        sb.append("<text x=\"14\" y=\"").append(f((TOP + HEIGHT - BOTTOM) / 2.0))
                .append("\" text-anchor=\"middle\" transform=\"rotate(-90 14 ").append(f((TOP + HEIGHT - BOTTOM) / 2.0))
                .append(")\">speed-up</text>\n");
        // the cores
        sb.append("<line x1=\"").append(f(x(cores))).append("\" y1=\"").append(f(y(0))).append("\" x2=\"").append(f(x(cores)))
                .append("\" y2=\"").append(f(y(maxS))).append("\" stroke=\"#888888\" stroke-dasharray=\"2 3\"/>\n");
        sb.append(text(x(cores) + 4, y(maxS) + 12, "start", cores + (cores == 1 ? " core" : " cores")));
        // ideal and Amdahl
        List<double[]> ideal = new ArrayList<>();
        List<double[]> amdahl = new ArrayList<>();
        for (int w = 1; w <= maxW; w++) {
            ideal.add(new double[] {w, Math.min(w, cores)});
            if (!Double.isNaN(amdahlP)) {
                amdahl.add(new double[] {w, SpeedUp.amdahl(amdahlP, w, cores)});
            }
        }
        int ly = TOP + 8;
        int lx = plotRight + 16;
        sb.append(polyline(ideal, "#aaaaaa", "stroke-dasharray=\"6 4\"", "ideal"));
        sb.append(legend(lx, ly, "#aaaaaa", "stroke-dasharray=\"6 4\"", "ideal: one core per worker"));
        ly += 20;
        if (!amdahl.isEmpty()) {
            String label = String.format(Locale.ROOT, "Amdahl, p = %.2f", amdahlP);
            sb.append(polyline(amdahl, "#e08a00", "", label));
            sb.append(legend(lx, ly, "#e08a00", "", label));
            ly += 20;
        }
        for (int i = 0; i < series.size(); i++) {
            List<double[]> pts = new ArrayList<>();
            for (SpeedUp.Point p : series.get(i).points()) {
                pts.add(new double[] {p.workers(), p.speedUp()});
            }
            String color = COLORS[i];
            sb.append(polyline(pts, color, "stroke-width=\"2.5\"", names.get(i)));
            for (SpeedUp.Point p : series.get(i).points()) {
                sb.append("<circle cx=\"").append(f(x(p.workers()))).append("\" cy=\"").append(f(y(p.speedUp())))
                        .append("\" r=\"4\" fill=\"").append(color).append("\"><title>").append(esc(names.get(i)))
                        .append(String.format(Locale.ROOT, ": %d workers, %.2f× (%.3f s)", p.workers(), p.speedUp(),
                                p.best().toNanos() / 1e9))
                        .append("</title></circle>\n");
            }
            sb.append(legend(lx, ly, color, "stroke-width=\"2.5\"", names.get(i)));
            ly += 20;
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    private String polyline(List<double[]> pts, String color, String extra, String what) {
        StringBuilder sb = new StringBuilder("<polyline fill=\"none\" stroke=\"").append(color).append("\" ").append(extra)
                .append(" points=\"");
        for (double[] p : pts) {
            sb.append(f(x(p[0]))).append(',').append(f(y(p[1]))).append(' ');
        }
        return sb.append("\"><title>").append(esc(what)).append("</title></polyline>\n").toString();
    }

    private static String legend(int x, int y, String color, String extra, String label) {
        return "<line x1=\"" + x + "\" y1=\"" + y + "\" x2=\"" + (x + 24) + "\" y2=\"" + y + "\" stroke=\"" + color + "\" "
                + extra + "/>" + text(x + 30, y + 4, "start", label);
    }

    private static String line(double x1, double y1, double x2, double y2) {
        return "<line x1=\"" + f(x1) + "\" y1=\"" + f(y1) + "\" x2=\"" + f(x2) + "\" y2=\"" + f(y2) + "\"/>\n";
    }

    private static String text(double x, double y, String anchor, String s) {
        return "<text x=\"" + f(x) + "\" y=\"" + f(y) + "\" text-anchor=\"" + anchor + "\">" + esc(s) + "</text>\n";
    }

    static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
