package asynccourse.books;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asynccourse.KernelOptions;
import asynccourse.trace.Span;
import asynccourse.trace.TraceEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BooksTest {
    private final Books books = Books.of(5, 3);

    @Test
    void everyWay_sameDigestPerBook_differentBooksDiffer() {
        Reading seq = books.oneAfterAnother(2);
        Reading par = books.onCores(2);
        assertEquals(List.of(books.read(1), books.read(2)), seq.digests());
        assertEquals(seq.digests(), par.digests());
        assertTrue(!seq.digests().get(0).equals(seq.digests().get(1)));
    }

    @Test
    void oneAfterAnother_oneLanePerBook_secondStartsWhenFirstEnds() {
        Reading r = books.oneAfterAnother(2);
        assertEquals(List.of("main · book 1", "main · book 2"), r.timeline().tasks());
        Span first = r.timeline().spans("main · book 1").get(0);
        Span second = r.timeline().spans("main · book 2").get(0);
        assertTrue(second.start().compareTo(first.end()) >= 0, "book 2 starts after book 1 ends");
        assertEquals(TraceEvent.Kind.DONE, r.timeline().outcome("main · book 2"));
    }

    @Test
    void onCores_oneLanePerThread_allDone() {
        Reading r = books.onCores(3);
        assertEquals(3, r.timeline().tasks().size());
        for (String lane : r.timeline().tasks()) {
            assertEquals(TraceEvent.Kind.DONE, r.timeline().outcome(lane));
        }
        assertEquals(3, r.digests().size());
        assertTrue(r.cpu().isPresent() && r.cpu().get().toNanos() > 0, "platform threads report their CPU time");
        assertTrue(r.coresUsed().orElseThrow() > 0);
    }

    @Test
    void oneCore_withoutTheOneCarrierOption_saysWhichOptionItNeeds() {
        if ("1".equals(System.getProperty("jdk.virtualThreadScheduler.parallelism"))) {
            Reading r = books.threadsOnOneCore(2);
            assertEquals(List.of(books.read(1), books.read(2)), r.digests());
            return;
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> books.threadsOnOneCore(2));
        assertTrue(e.getMessage().contains(KernelOptions.carrier()), e.getMessage());
        assertThrows(IllegalStateException.class, () -> books.overlapSlowRead(Duration.ofMillis(1)));
    }

    @Test
    void fastest_keepsEachDemosShortestRun_inTheOrderGiven() {
        List<Reading> best = Books.fastest(3, () -> books.oneAfterAnother(1), () -> books.onCores(2));
        assertEquals(2, best.size());
        assertEquals(1, best.get(0).digests().size());
        assertEquals(2, best.get(1).digests().size());
        assertThrows(IllegalArgumentException.class, () -> Books.fastest(0, () -> books.oneAfterAnother(1)));
    }

    @Test
    void calibrated_badArguments_clearMessage() {
        assertThrows(IllegalArgumentException.class, () -> Books.calibrated(Duration.ZERO, 10));
        assertThrows(IllegalArgumentException.class, () -> Books.of(0, 1));
        assertThrows(IllegalArgumentException.class, () -> books.oneAfterAnother(0));
        Books b = Books.calibrated(Duration.ofMillis(20), 4);
        assertEquals(4, b.pages());
        assertTrue(b.roundsPerPage() >= 1);
    }
}
