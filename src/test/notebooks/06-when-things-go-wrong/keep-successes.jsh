List<String> downloadAll() {
    List<Task<String>> downloads = List.of(
        createTask(() -> sayAfter(Duration.ofMillis(100), "a")),
        createTask(failsAfter(200, "b: not found")),
        createTask(() -> sayAfter(Duration.ofMillis(300), "c")));
    List<String> ok = new ArrayList<>();
    for (Object slot : gatherReturnExceptions(downloads)) {
        if (slot instanceof String s) ok.add(s);
    }
    return ok;
}
