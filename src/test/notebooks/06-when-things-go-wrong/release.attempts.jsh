//// did not compile: the catch block without a body's braces
List<String> released = new ArrayList<>();
Coroutine<String> worker = () -> {
    try {
        sleep(Duration.ofHours(1));
        return "finished";
    } catch (CancellationException e)
        released.add("released");
};
//// not yet: cleans up, but swallows the cancellation and ends normally
List<String> released = new ArrayList<>();
Coroutine<String> worker = () -> {
    try {
        sleep(Duration.ofHours(1));
        return "finished";
    } catch (CancellationException e) {
        released.add("released");
        return "stopped";
    }
};
//// not yet: the clean-up after the sleep, where a cancellation never reaches it
List<String> released = new ArrayList<>();
Coroutine<String> worker = () -> {
    sleep(Duration.ofHours(1));
    released.add("released");
    return "finished";
};
