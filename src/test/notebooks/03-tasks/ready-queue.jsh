List<String> predictedQueue = List.of("resume main (a is done)", "resume b (after sleep(0))");
