List<Download> politeFetch(List<String> urls) {
    Semaphore two = new Semaphore(2);
    List<Task<Download>> tasks = new ArrayList<>();
    for (String url : urls) tasks.add(createTask(() -> {
        two.acquire();
        try { return web.download(url); } finally { two.release(); }
    }));
    return gather(tasks);
}
