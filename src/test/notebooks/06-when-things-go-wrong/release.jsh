List<String> released = new ArrayList<>();
Coroutine<String> worker = () -> {
    try {
        sleep(Duration.ofHours(1));
        return "finished";
    } catch (CancellationException e) {
        released.add("released");
        throw e;
    }
};
