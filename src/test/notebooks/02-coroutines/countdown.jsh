Coroutine<Integer> countdown = () -> {
    say("3");
    sleep(Duration.ofSeconds(1));
    say("2");
    sleep(Duration.ofSeconds(1));
    say("1");
    return 0;
};
