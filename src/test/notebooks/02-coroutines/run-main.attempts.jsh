//// did not compile: run's result assigned to a variable of the wrong type
Coroutine<String> mainCoro = () -> { sleep(Duration.ofMillis(50)); return "ran on the loop"; };
int mainResult = run(mainCoro);
//// not yet: the coroutine still called directly, outside any loop
Coroutine<String> mainCoro = () -> { sleep(Duration.ofMillis(50)); return "ran on the loop"; };
String mainResult;
try { mainResult = mainCoro.call(); } catch (Exception e) { mainResult = "failed again: " + e.getMessage(); }
