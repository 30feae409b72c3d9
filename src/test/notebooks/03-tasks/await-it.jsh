Path farewellLog = Files.createTempDirectory("ch03-").resolve("farewell.log");
Coroutine<String> farewell = () -> {
    Task<Void> writer = createTask(() -> {
        sleep(Duration.ofMillis(50));                 // a slow disk
        Files.writeString(farewellLog, "goodbye\n");
        return null;
    }, "farewell writer");
    writer.await();
    return "main is done";
};
