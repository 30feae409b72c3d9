//// did not compile: the tasks used after the block without being assigned on every path
List<String> fetchAll() {
    Task<String> a, b, c;
    try (var tg = new TaskGroup()) {
        a = tg.createTask(() -> sayAfter(Duration.ofSeconds(1), "A"), "fetch A");
        b = tg.createTask(failsAfter(200, "B failed"), "fetch B");
    }
    return List.of(a.result(), b.result(), c.result());
}
//// not yet: a group opened, but the fetches created with the plain createTask
List<String> fetchAll() {
    try (var tg = new TaskGroup()) {
        Task<String> a = createTask(() -> sayAfter(Duration.ofSeconds(1), "A"), "fetch A");
        Task<String> b = createTask(failsAfter(200, "B failed"), "fetch B");
        Task<String> c = createTask(() -> sayAfter(Duration.ofSeconds(2), "C"), "fetch C");
        return gather(a, b, c);
    }
}
