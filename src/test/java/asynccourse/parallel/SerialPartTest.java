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
    void fitOnCoreRecoversTheDesignedFractionEvenOnOneCore() {
        // time on a core does not depend on how many cores are free: the fit finds the design
        SerialPart job = new SerialPart(6, 18, 24);
        SerialPart.Fit fit = job.fit(2, 3);
        assertTrue(Math.abs(fit.fittedOnCore() - 0.75) <= 0.1, fit.toString());
        SerialPart none = new SerialPart(0, 24, 24);
        assertTrue(none.fit(2, 3).fittedOnCore() >= 0.9, "no serial part: p near 1");
    }

    @Test
    void rejectsBadSizes() {
        assertThrows(IllegalArgumentException.class, () -> new SerialPart(-1, 5, 20));
        assertThrows(IllegalArgumentException.class, () -> new SerialPart(1, 0, 20));
        assertThrows(IllegalArgumentException.class, () -> new SerialPart(1, 1, 41));
        assertThrows(IllegalArgumentException.class, () -> new SerialPart(1, 1, 20).run(0));
    }
}
