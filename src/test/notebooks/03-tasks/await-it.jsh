Task<?>[] slowpoke = new Task<?>[1];
Coroutine<String> ex4Main = () -> {
    slowpoke[0] = createTask(() -> sayAfter(Duration.ofSeconds(5), "finally!"), "slowpoke");
    slowpoke[0].await();
    return "main done";
};
