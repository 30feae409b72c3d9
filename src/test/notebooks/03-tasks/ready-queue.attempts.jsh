//// did not compile: the queue written as a Python list
List<String> predictedQueue = ["resume main (a is done)", "resume b (after sleep(0))"];
//// not yet: only main, as if b had nothing left to do after its sleep(0)
List<String> predictedQueue = List.of("resume main (a is done)");
