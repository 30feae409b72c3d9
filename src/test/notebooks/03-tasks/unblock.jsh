Coroutine<String> work = () -> {
    sleep(Duration.ofMillis(200));
    return "done";
};
