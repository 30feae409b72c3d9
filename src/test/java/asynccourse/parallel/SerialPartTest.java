package asynccourse.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SerialPartTest {
    @Test
    void designedFractionAndSum() {
        SerialPart job = new SerialPart(6, 18, 20);
        assertEquals(0.75, job.designedParallelFraction(), 1e-12);
        assertEquals(24 * 6765L, job.expected());
        assertEquals(job.expected(), job.run(3).checksum());
        assertEquals(job.expected(), job.run(1).checksum());
    }

    @Test
    void solveInvertsAmdahl() {
        for (double p : new double[] {0, 0.5, 0.75, 1}) {
            assertEquals(p, SerialPart.solve(SpeedUp.amdahl(p, 2, 2), 2), 1e-9);
            assertEquals(p, SerialPart.solve(SpeedUp.amdahl(p, 4, 4), 4), 1e-9);
        }
        assertEquals(0, SerialPart.solve(0.5, 2));   // slower than one worker: clamped
        assertThrows(IllegalArgumentException.class, () -> SerialPart.solve(1.5, 1));
    }

    @Test
    void fit_neverLandsAboveTheDesign_andASerialPartLowersIt() {
        // What physics guarantees: a serial part caps the speed-up, so the fit cannot land above the
        // design (beyond noise), and the same work without one fits higher. Not that the fit lands ON
        // the design: where the two vCPUs share a physical core, or under load, each worker's time on
        // a core grows while both run (seen here: 1.49x for a job with no serial part on 2 workers).
        SerialPart job = new SerialPart(6, 18, 27);
        SerialPart.Fit fit = job.fit(2, 5);
        assertTrue(fit.fittedOnCore() <= job.designedParallelFraction() + 0.1, fit.toString());
        SerialPart none = new SerialPart(0, 24, 27);
        SerialPart.Fit noneFit = none.fit(2, 5);
        assertTrue(noneFit.fittedOnCore() > fit.fittedOnCore(), "without a serial part the fit is higher: " + noneFit + " vs " + fit);
    }

    @Test
    void rejectsBadSizes() {
        assertThrows(IllegalArgumentException.class, () -> new SerialPart(-1, 5, 20));
        assertThrows(IllegalArgumentException.class, () -> new SerialPart(1, 0, 20));
        assertThrows(IllegalArgumentException.class, () -> new SerialPart(1, 1, 41));
        assertThrows(IllegalArgumentException.class, () -> new SerialPart(1, 1, 20).run(0));
    }
}
