//// did not compile: the timeout's exception caught under a name that does not exist
String fetchWithFallback(Coroutine<String> fetch) {
    try {
        return timeout(Duration.ofSeconds(1), fetch);
    } catch (TimeoutError e) {
        return "cached copy";
    }
}
//// not yet: a deadline, but nothing catches it when time is up
String fetchWithFallback(Coroutine<String> fetch) {
    return timeout(Duration.ofSeconds(1), fetch);
}
//// not yet: the fallback for every failure, but no deadline
String fetchWithFallback(Coroutine<String> fetch) {
    try {
        return fetch.call();
    } catch (Exception e) {
        return "cached copy";
    }
}
