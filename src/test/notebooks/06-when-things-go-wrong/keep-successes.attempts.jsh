//// did not compile: the outcomes of gatherReturnExceptions taken as Strings
List<String> downloadAll() {
    List<Task<String>> downloads = List.of(
        createTask(() -> sayAfter(Duration.ofMillis(100), "a")),
        createTask(failsAfter(200, "b: not found")),
        createTask(() -> sayAfter(Duration.ofMillis(300), "c")));
    List<String> all = gatherReturnExceptions(downloads);
    return all;
}
//// not yet: the plain gather, which throws at the failure
List<String> downloadAll() {
    List<Task<String>> downloads = List.of(
        createTask(() -> sayAfter(Duration.ofMillis(100), "a")),
        createTask(failsAfter(200, "b: not found")),
        createTask(() -> sayAfter(Duration.ofMillis(300), "c")));
    return gather(downloads);
}
//// not yet: every outcome kept, the failure included
List<String> downloadAll() {
    List<Task<String>> downloads = List.of(
        createTask(() -> sayAfter(Duration.ofMillis(100), "a")),
        createTask(failsAfter(200, "b: not found")),
        createTask(() -> sayAfter(Duration.ofMillis(300), "c")));
    List<String> all = new ArrayList<>();
    for (Object slot : gatherReturnExceptions(downloads)) all.add(String.valueOf(slot));
    return all;
}
