package asynccourse.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SpeedUpChartTest {
    private static CpuWork.Run run(long ms) {
        return new CpuWork.Run(1, Duration.ofMillis(ms), null, null, Duration.ofMillis(ms), 1);
    }

    private final SpeedUp java = SpeedUp.of(Map.of(1, run(100), 2, run(50), 3, run(52), 4, run(55)));
    private final SpeedUp python = SpeedUp.of(Map.of(1, run(100), 2, run(102)));

    @Test
    void svg_drawsEveryMeasuredPoint_withItsFigures() {
        String svg = new SpeedUpChart("fib <pieces>", 2).series("Java threads", java).series("CPython threads", python).svg();
        assertTrue(svg.startsWith("<svg") && svg.trim().endsWith("</svg>"));
        assertEquals(6, count(svg, "<circle"), "one dot per measured point");
        assertTrue(svg.contains("Java threads: 2 workers, 2.00× (0.050 s)"), svg);
        assertTrue(svg.contains("fib &lt;pieces&gt;"), "the title is escaped");
        assertTrue(svg.contains("2 cores"));
        assertTrue(svg.contains("ideal: one core per worker"));
    }

    @Test
    void svg_amdahlCurveFollowsTheLaw_andFlattensAfterTheCores() {
        SpeedUpChart chart = new SpeedUpChart("t", 2).series("Java", java).amdahl(0.9);
        String svg = chart.svg();
        assertTrue(svg.contains("Amdahl, p = 0.90"));
        Matcher m = Pattern.compile("<polyline fill=\"none\" stroke=\"#e08a00\"  points=\"([^\"]*)\"").matcher(svg);
        assertTrue(m.find(), svg);
        String[] pts = m.group(1).trim().split(" ");
        assertEquals(4, pts.length, "one point per worker count 1 … 2 × cores");
        assertEquals(SpeedUpChart.f(chart.y(SpeedUp.amdahl(0.9, 2, 2))), pts[1].split(",")[1]);
        assertEquals(pts[1].split(",")[1], pts[3].split(",")[1], "no gain beyond the cores");
    }

    @Test
    void axes_mapWorkersAndSpeedUpIntoThePlot() {
        SpeedUpChart chart = new SpeedUpChart("t", 2).series("Java", java);
        assertEquals(SpeedUpChart.LEFT, chart.x(1), 1e-9);
        assertEquals(SpeedUpChart.WIDTH - SpeedUpChart.RIGHT, chart.x(4), 1e-9);
        assertEquals(SpeedUpChart.HEIGHT - SpeedUpChart.BOTTOM, chart.y(0), 1e-9);
        assertTrue(chart.y(2) < chart.y(1), "higher speed-up, higher on the page");
    }

    @Test
    void badInput_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> new SpeedUpChart("t", 0));
        assertThrows(IllegalArgumentException.class, () -> new SpeedUpChart("t", 2).amdahl(2));
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
