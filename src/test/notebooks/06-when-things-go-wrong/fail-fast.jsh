List<String> fetchAll() {
    Task<String> a, b, c;
    try (var tg = new TaskGroup()) {
        a = tg.createTask(() -> sayAfter(Duration.ofSeconds(1), "A"), "fetch A");
        b = tg.createTask(failsAfter(200, "B failed"), "fetch B");
        c = tg.createTask(() -> sayAfter(Duration.ofSeconds(2), "C"), "fetch C");
    }
    return List.of(a.result(), b.result(), c.result());
}
