Coroutine<List<String>> helloWorld = () -> {
    Task<String> a = createTask(() -> sayAfter(Duration.ofSeconds(1), "hello"));
    Task<String> b = createTask(() -> sayAfter(Duration.ofSeconds(2), "world"));
    return List.of(a.await(), b.await());
};
