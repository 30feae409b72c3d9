// Exercise 2: make the pipeline time out
CompletableFuture<String> slowQuote() {
    return CompletableFuture.supplyAsync(() -> "42 EUR", CompletableFuture.delayedExecutor(2, TimeUnit.SECONDS));
}
CompletableFuture<String> quotePipeline() {
    return slowQuote().thenApply(q -> "quote: " + q)
        .orTimeout(300, TimeUnit.MILLISECONDS)
        .exceptionally(failure -> "no quote");
}
