//// did not compile: the prediction with a unit
String fetchB() throws Exception {
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
        Future<String> a = executor.submit(() -> Blocking.sayAfter(Duration.ofMillis(500), "A"));
        Future<String> b = executor.submit(() -> Blocking.<String>failAfter(Duration.ofMillis(200), "B failed"));
        Future<String> c = executor.submit(() -> Blocking.sayAfter(Duration.ofSeconds(1), "C"));
        return b.get() + a.get() + c.get();
    }
}
double predictedSeconds = 1 s;
char reason = 'A';
//// not yet: b.get() taken to end it all at 0.2 s
String fetchB() throws Exception {
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
        Future<String> a = executor.submit(() -> Blocking.sayAfter(Duration.ofMillis(500), "A"));
        Future<String> b = executor.submit(() -> Blocking.<String>failAfter(Duration.ofMillis(200), "B failed"));
        Future<String> c = executor.submit(() -> Blocking.sayAfter(Duration.ofSeconds(1), "C"));
        return b.get() + a.get() + c.get();
    }
}
double predictedSeconds = 0.2;
char reason = 'B';
