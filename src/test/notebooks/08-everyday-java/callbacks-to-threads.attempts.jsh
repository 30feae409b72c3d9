//// did not compile: Future.get's checked exception not declared
PriceService shop = new PriceService(Duration.ofMillis(200));
long basketTotal() {
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
        Future<Long> tea = executor.submit(() -> shop.price("tea"));
        return tea.get();
    }
}
//// not yet: blocking lookups, but one after another (0.6 s)
PriceService shop = new PriceService(Duration.ofMillis(200));
long basketTotal() throws Exception {
    return shop.price("tea") + shop.price("cake") + shop.price("scone");
}
//// not yet: each lookup waited for right after it is submitted
PriceService shop = new PriceService(Duration.ofMillis(200));
long basketTotal() throws Exception {
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
        long tea = executor.submit(() -> shop.price("tea")).get();
        long cake = executor.submit(() -> shop.price("cake")).get();
        long scone = executor.submit(() -> shop.price("scone")).get();
        return tea + cake + scone;
    }
}
//// did not finish: the total future is never completed
PriceService shop = new PriceService(Duration.ofMillis(200));
long basketTotal() throws Exception {
    CompletableFuture<Long> total = new CompletableFuture<>();
    shop.price("tea", tea -> shop.price("cake", cake -> shop.price("scone", scone -> { })));
    return total.get();
}
