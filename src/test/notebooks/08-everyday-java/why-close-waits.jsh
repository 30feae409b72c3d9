// Exercise 3: predict, then choose A, B or C
String fetchB() throws Exception {
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
        Future<String> a = executor.submit(() -> Blocking.sayAfter(Duration.ofMillis(500), "A"));
        Future<String> b = executor.submit(() -> Blocking.<String>failAfter(Duration.ofMillis(200), "B failed"));
        Future<String> c = executor.submit(() -> Blocking.sayAfter(Duration.ofSeconds(1), "C"));
        return b.get() + a.get() + c.get();
    }
}
double predictedSeconds = 1;   // b.get() throws at 0.2 s, but close() then waits for C's 1 s
char reason = 'A';
