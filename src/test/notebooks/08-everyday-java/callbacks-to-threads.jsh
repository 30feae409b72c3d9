// Exercise 1: from a callback chain to virtual threads
PriceService shop = new PriceService(Duration.ofMillis(200));
long basketTotal() throws Exception {
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
        Future<Long> tea = executor.submit(() -> shop.price("tea"));
        Future<Long> cake = executor.submit(() -> shop.price("cake"));
        Future<Long> scone = executor.submit(() -> shop.price("scone"));
        return tea.get() + cake.get() + scone.get();
    }
}
