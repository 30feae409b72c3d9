package asynccourse.everyday;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class PriceServiceTest {

    @Test
    @Timeout(30)
    void callbackAndBlocking_giveTheSamePrices() throws Exception {
        PriceService shop = new PriceService(Duration.ofMillis(1));
        for (String item : PriceService.items()) {
            CompletableFuture<Long> viaCallback = new CompletableFuture<>();
            shop.price(item, viaCallback::complete);
            assertEquals(shop.price(item), viaCallback.join(), item);
        }
    }

    @Test
    void blockingLookups_countsThoseOnPlatformThreads() throws Exception {
        PriceService shop = new PriceService(Duration.ZERO);
        shop.price("tea");   // this test runs on a platform thread
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            executor.submit(() -> shop.price("cake")).get();
        }
        assertEquals(2, shop.blockingLookups());
        assertEquals(1, shop.blockingLookupsOnPlatformThreads());
    }

    @Test
    void unknownItem_rejectedNamingTheKnownOnes() {
        PriceService shop = new PriceService(Duration.ZERO);
        var e = assertThrows(IllegalArgumentException.class, () -> shop.price("coffee"));
        assertEquals(true, e.getMessage().startsWith("no price for 'coffee'; known items: "));
        assertThrows(IllegalArgumentException.class, () -> shop.price("coffee", p -> { }));
    }
}
