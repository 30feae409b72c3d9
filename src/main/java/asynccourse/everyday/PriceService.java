package asynccourse.everyday;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A small price list behind a slow "network": every lookup takes {@code latency}. It offers the
 * two styles of API a Java developer meets: a callback API ({@link #price(String, Consumer)},
 * the style that leads to nested callbacks) and a blocking API ({@link #price(String)}, the
 * style virtual threads make cheap). Both give the same prices. It counts the blocking lookups
 * made on platform threads, so an exercise can check that they ran on virtual threads.
 *
 * <p>Threading: thread-safe. Callbacks run on the JDK's delay scheduler thread. Cancellation:
 * the blocking lookup is interruptible. Nulls: arguments must not be null; an unknown item is
 * an {@link IllegalArgumentException}, thrown by either method when it is called.
 *
 * <pre>{@code
 * PriceService shop = new PriceService(Duration.ofMillis(200));
 * shop.price("tea", tea -> shop.price("cake", cake -> System.out.println(tea + cake)));  // 0.4 s
 * long tea = shop.price("tea");   // blocks 0.2 s
 * }</pre>
 */
public final class PriceService {
    private static final Map<String, Long> PRICES = Map.of("tea", 3L, "cake", 4L, "scone", 2L, "jam", 5L);

    private final Duration latency;
    private final AtomicInteger blockingOnPlatformThreads = new AtomicInteger();
    private final AtomicInteger blockingLookups = new AtomicInteger();

    /**
     * A service whose every lookup takes {@code latency}.
     *
     * @param latency the time one lookup takes, not negative
     */
    public PriceService(Duration latency) {
        this.latency = Objects.requireNonNull(latency, "latency");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + latency);
        }
    }

    /**
     * The items it knows.
     *
     * @return tea, cake, scone, jam
     */
    public static java.util.Set<String> items() {
        return PRICES.keySet();
    }

    private static long lookup(String item) {
        Long p = PRICES.get(Objects.requireNonNull(item, "item"));
        if (p == null) {
            throw new IllegalArgumentException("no price for '" + item + "'; known items: " + PRICES.keySet());
        }
        return p;
    }

    /**
     * Callback style: returns at once; after the latency, calls {@code callback} with the price.
     *
     * @param item one of {@link #items()}
     * @param callback receives the price, on the delay scheduler's thread
     */
    public void price(String item, Consumer<Long> callback) {
        long p = lookup(item);
        Objects.requireNonNull(callback, "callback");
        CompletableFuture.delayedExecutor(latency.toNanos(), TimeUnit.NANOSECONDS).execute(() -> callback.accept(p));
    }

    /**
     * Blocking style: sleeps the latency, then returns the price.
     *
     * @param item one of {@link #items()}
     * @return the price
     * @throws InterruptedException when interrupted while waiting
     */
    public long price(String item) throws InterruptedException {
        long p = lookup(item);
        blockingLookups.incrementAndGet();
        if (!Thread.currentThread().isVirtual()) {
            blockingOnPlatformThreads.incrementAndGet();
        }
        Thread.sleep(latency);
        return p;
    }

    /**
     * How many blocking lookups were made so far.
     *
     * @return the count
     */
    public int blockingLookups() {
        return blockingLookups.get();
    }

    /**
     * How many blocking lookups ran on platform (not virtual) threads.
     *
     * @return the count
     */
    public int blockingLookupsOnPlatformThreads() {
        return blockingOnPlatformThreads.get();
    }
}
