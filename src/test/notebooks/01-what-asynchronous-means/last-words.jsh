Path farewellLog = dir.resolve("farewell.log");
Coroutine<String> farewell = () -> {
    Task<Void> writer = createTask(() -> {
        sleep(Duration.ofMillis(50));
        Files.writeString(farewellLog, "goodbye\n");
        return null;
    }, "farewell writer");
    writer.await();
    return "main is done";
};
