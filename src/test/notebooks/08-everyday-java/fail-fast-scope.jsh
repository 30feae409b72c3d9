// Exercise 3: fail fast with a scope
List<String> fetchThree() throws Exception {
    try (var scope = StructuredTaskScope.open()) {
        var a = scope.fork(() -> Blocking.sayAfter(Duration.ofMillis(500), "A"));
        var b = scope.fork(() -> Blocking.<String>failAfter(Duration.ofMillis(200), "B failed"));
        var c = scope.fork(() -> Blocking.sayAfter(Duration.ofSeconds(1), "C"));
        scope.join();
        return List.of(a.get(), b.get(), c.get());
    }
}
