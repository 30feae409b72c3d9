Coroutine<Integer> countdown = () -> {
    System.out.println("3");
    sleep(Duration.ofSeconds(1));
    System.out.println("2");
    sleep(Duration.ofSeconds(1));
    System.out.println("1");
    return 0;
};
