//// did not compile: a missing semicolon inside the task
List<Download> politeFetch(List<String> urls) {
    Semaphore two = new Semaphore(2);
    List<Task<Download>> tasks = new ArrayList<>();
    for (String url : urls) tasks.add(createTask(() -> { two.acquire(); try { return web.download(url) } finally { two.release(); } }));
    return gather(tasks);
}
//// not yet: polite, but one page at a time (a semaphore of 1)
List<Download> politeFetch(List<String> urls) {
    Semaphore one = new Semaphore(1);
    List<Task<Download>> tasks = new ArrayList<>();
    for (String url : urls) tasks.add(createTask(() -> { one.acquire(); try { return web.download(url); } finally { one.release(); } }));
    return gather(tasks);
}
//// not yet: a semaphore made, but never used
List<Download> politeFetch(List<String> urls) {
    Semaphore two = new Semaphore(2);
    List<Task<Download>> tasks = new ArrayList<>();
    for (String url : urls) tasks.add(createTask(() -> web.download(url)));
    return gather(tasks);
}
