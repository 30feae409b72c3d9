package asynccourse.everyday;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class FuturesTest {

    @Test
    void allOrFirstFailure_allSucceed_resultsInInputOrder() {
        var a = new CompletableFuture<String>();
        var b = new CompletableFuture<String>();
        var all = Futures.allOrFirstFailure(List.of(a, b));
        b.complete("B");
        assertFalse(all.isDone(), "still waiting for a");
        a.complete("A");
        assertEquals(List.of("A", "B"), all.join());
    }

    @Test
    void allOrFirstFailure_oneFails_failsAtOnceAndCancelsTheOthers() {
        var a = new CompletableFuture<String>();
        var b = new CompletableFuture<String>();
        var c = new CompletableFuture<String>();
        var all = Futures.allOrFirstFailure(List.of(a, b, c));
        var failure = new IllegalStateException("B: server error");
        b.completeExceptionally(failure);
        assertTrue(all.isCompletedExceptionally(), "failed without waiting for a and c");
        var thrown = assertThrows(CompletionException.class, all::join);
        assertSame(failure, thrown.getCause());
        assertTrue(a.isCancelled() && c.isCancelled(), "the others are cancelled");
    }

    @Test
    void allOrFirstFailure_whoeverSeesTheFailure_seesTheOthersCancelled() {
        var a = new CompletableFuture<String>();
        var b = new CompletableFuture<String>();
        var c = new CompletableFuture<String>();
        var all = Futures.allOrFirstFailure(List.of(a, b, c));
        var othersCancelledWhenSeen = new java.util.concurrent.atomic.AtomicReference<Boolean>();
        all.whenComplete((v, e) -> othersCancelledWhenSeen.set(a.isCancelled() && c.isCancelled()));
        b.completeExceptionally(new IllegalStateException("B"));
        assertEquals(Boolean.TRUE, othersCancelledWhenSeen.get());
    }

    @Test
    void allOrFirstFailure_cancelledInput_isAFailure() {
        var a = new CompletableFuture<String>();
        var b = new CompletableFuture<String>();
        var all = Futures.allOrFirstFailure(List.of(a, b));
        a.cancel(false);
        assertTrue(all.isCompletedExceptionally());
        assertTrue(b.isCancelled());
    }

    @Test
    void allOf_oneFails_stillWaitsForTheOthers_unlikeAllOrFirstFailure() {
        var a = new CompletableFuture<String>();
        var b = new CompletableFuture<String>();
        var jdk = CompletableFuture.allOf(a, b);
        b.completeExceptionally(new IllegalStateException("B"));
        assertFalse(jdk.isDone(), "allOf waits for a although b failed");
        a.complete("A");
        assertTrue(jdk.isCompletedExceptionally());
    }

    @Test
    void allOrFirstFailure_twoFail_theFirstWins() {
        var a = new CompletableFuture<String>();
        var b = new CompletableFuture<String>();
        var all = Futures.allOrFirstFailure(List.of(a, b));
        var first = new IllegalStateException("first");
        b.completeExceptionally(first);
        a.completeExceptionally(new IllegalStateException("second"));
        assertSame(first, assertThrows(CompletionException.class, all::join).getCause());
    }

    @Test
    void allOrFirstFailure_empty_completesAtOnce() {
        assertEquals(List.of(), Futures.allOrFirstFailure(List.of()).join());
    }

    @Test
    @Timeout(30)
    void sayAfterAndFailAfter_completeLaterWithoutBlocking() {
        var said = Futures.sayAfter(Duration.ofMillis(10), "hello");
        CompletableFuture<String> failed = Futures.failAfter(Duration.ofMillis(10), "nope");
        assertEquals("hello", said.join());
        var e = assertThrows(CompletionException.class, failed::join);
        assertEquals("nope", e.getCause().getMessage());
        assertTrue(e.getCause() instanceof IllegalStateException);
    }
}
