List<Download> fetchAll(List<String> urls) {
    List<Task<Download>> tasks = new ArrayList<>();
    for (String url : urls) tasks.add(createTask(() -> web.download(url)));
    return gather(tasks);
}
