//// did not compile: a missing comma between two lines
List<String> predictedEagerOrder = List.of("x starts", "y runs" "x after createTask(y)", "main after createTask(x)", "x ends", "main ends");
//// not yet: the order plain (lazy) tasks would give
List<String> predictedEagerOrder = List.of("main after createTask(x)", "x starts", "x after createTask(y)", "y runs", "x ends", "main ends");
