// Exercise 5: a deadline with a fallback
String fetchWithFallback(Coroutine<String> fetch) {
    try {
        return timeout(Duration.ofSeconds(1), fetch);
    } catch (AsyncTimeoutException e) {
        return "cached copy";
    }
}
