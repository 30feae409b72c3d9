//// did not compile: orTimeout given a Duration
CompletableFuture<String> slowQuote() {
    return CompletableFuture.supplyAsync(() -> "42 EUR", CompletableFuture.delayedExecutor(2, TimeUnit.SECONDS));
}
CompletableFuture<String> quotePipeline() {
    return slowQuote().thenApply(q -> "quote: " + q).orTimeout(Duration.ofMillis(300));
}
//// not yet: times out, but the failure is not turned into "no quote"
CompletableFuture<String> slowQuote() {
    return CompletableFuture.supplyAsync(() -> "42 EUR", CompletableFuture.delayedExecutor(2, TimeUnit.SECONDS));
}
CompletableFuture<String> quotePipeline() {
    return slowQuote().thenApply(q -> "quote: " + q).orTimeout(300, TimeUnit.MILLISECONDS);
}
//// not yet: "no quote" for a failure, but nothing makes it time out
CompletableFuture<String> slowQuote() {
    return CompletableFuture.supplyAsync(() -> "42 EUR", CompletableFuture.delayedExecutor(2, TimeUnit.SECONDS));
}
CompletableFuture<String> quotePipeline() {
    return slowQuote().thenApply(q -> "quote: " + q).exceptionally(failure -> "no quote");
}
