List<String> predictedEagerOrder = List.of("x starts", "y runs", "x after createTask(y)", "main after createTask(x)", "x ends", "main ends");
