//// did not compile: gather's list of tasks given to a list of numbers
List<Long> waitAll(List<Long> millis) {
    List<Long> tasks = new ArrayList<>();
    for (long ms : millis) tasks.add(createTask(() -> { sleep(Duration.ofMillis(ms)); return ms; }));
    return gather(tasks);
}
//// not yet: one task per delay, but each awaited right after it is made
List<Long> waitAll(List<Long> millis) {
    List<Long> results = new ArrayList<>();
    for (long ms : millis) {
        Task<Long> t = createTask(() -> { sleep(Duration.ofMillis(ms)); return ms; });
        results.add(t.await());
    }
    return results;
}
//// not yet: side by side, but the results in the order they finish
List<Long> waitAll(List<Long> millis) {
    List<Long> results = new ArrayList<>();
    List<Task<Void>> tasks = new ArrayList<>();
    for (long ms : millis) tasks.add(createTask(() -> { sleep(Duration.ofMillis(ms)); results.add(ms); return null; }));
    gather(tasks);
    return results;
}
