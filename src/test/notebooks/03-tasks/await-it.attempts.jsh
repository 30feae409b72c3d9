//// did not compile: the task's result awaited into the wrong type
Path farewellLog = Files.createTempDirectory("ch03-").resolve("farewell.log");
Coroutine<String> farewell = () -> {
    Task<Void> writer = createTask(() -> {
        sleep(Duration.ofMillis(50));
        Files.writeString(farewellLog, "goodbye\n");
        return null;
    }, "farewell writer");
    String done = writer.await();
    return "main is done";
};
//// not yet: main sleeps a little, but less than the slow disk takes
Path farewellLog = Files.createTempDirectory("ch03-").resolve("farewell.log");
Coroutine<String> farewell = () -> {
    Task<Void> writer = createTask(() -> {
        sleep(Duration.ofMillis(50));
        Files.writeString(farewellLog, "goodbye\n");
        return null;
    }, "farewell writer");
    sleep(Duration.ofMillis(10));
    return "main is done";
};
