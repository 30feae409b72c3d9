List<Long> waitAll(List<Long> millis) {
    List<Task<Long>> tasks = new ArrayList<>();
    for (long ms : millis) {
        tasks.add(createTask(() -> { sleep(Duration.ofMillis(ms)); return ms; }));
    }
    return gather(tasks);
}
