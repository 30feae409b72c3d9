//// did not compile: sleep given a number of seconds instead of a Duration
Coroutine<Integer> countdown = () -> {
    say("3");
    sleep(1);
    say("2");
    return 0;
};
//// not yet: all three numbers said at once, no await between them
Coroutine<Integer> countdown = () -> {
    say("3");
    say("2");
    say("1");
    return 0;
};
//// not yet: the sleeps in place, but it still returns -1
Coroutine<Integer> countdown = () -> {
    say("3");
    sleep(Duration.ofSeconds(1));
    say("2");
    sleep(Duration.ofSeconds(1));
    say("1");
    return -1;
};
//// did not finish: Thread.sleep on the real clock, an hour instead of a second
Coroutine<Integer> countdown = () -> {
    say("3");
    Thread.sleep(Duration.ofHours(1));
    return 0;
};
