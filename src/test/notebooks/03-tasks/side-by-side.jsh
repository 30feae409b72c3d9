Coroutine<List<String>> helloWorld = () -> {
    Task<String> hello = createTask(() -> sayAfter(Duration.ofSeconds(1), "hello"), "hello");
    Task<String> world = createTask(() -> sayAfter(Duration.ofSeconds(2), "world"), "world");
    String first = hello.await();
    return List.of(first, world.await());
};
