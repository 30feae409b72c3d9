// Exercise 5: the ready queue after the second step, in order
List<String> predictedQueue = List.of("resume main (a is done)", "resume b (after sleep(0))");
