//// did not compile: a missing semicolon after the first createTask
Coroutine<List<String>> helloWorld = () -> {
    Task<String> hello = createTask(() -> sayAfter(Duration.ofSeconds(1), "hello"), "hello")
    Task<String> world = createTask(() -> sayAfter(Duration.ofSeconds(2), "world"), "world");
    String first = hello.await();
    return List.of(first, world.await());
};
//// not yet: tasks created, but each awaited before the next is made, so still 3 s
Coroutine<List<String>> helloWorld = () -> {
    Task<String> hello = createTask(() -> sayAfter(Duration.ofSeconds(1), "hello"), "hello");
    String first = hello.await();
    Task<String> world = createTask(() -> sayAfter(Duration.ofSeconds(2), "world"), "world");
    String second = world.await();
    return List.of(first, second);
};
//// not yet: 2 s, but the results in the wrong order
Coroutine<List<String>> helloWorld = () -> {
    Task<String> hello = createTask(() -> sayAfter(Duration.ofSeconds(1), "hello"), "hello");
    Task<String> world = createTask(() -> sayAfter(Duration.ofSeconds(2), "world"), "world");
    String second = world.await();
    return List.of(second, hello.await());
};
//// did not finish: Thread.sleep for an hour on the real clock
Coroutine<List<String>> helloWorld = () -> {
    Thread.sleep(Duration.ofHours(1));
    return List.of("hello", "world");
};
