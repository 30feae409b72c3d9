Coroutine<String> mainCoro = () -> { sleep(Duration.ofMillis(50)); return "ran on the loop"; };
String mainResult = run(mainCoro);
