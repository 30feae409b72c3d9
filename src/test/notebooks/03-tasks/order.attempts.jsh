//// did not compile: the list written with brackets, as in Python
List<String> predictedOrder = ["M1", "T1", "M2", "T2", "M3"];
//// not yet: the task taken to run as soon as it is created
List<String> predictedOrder = List.of("T1", "M1", "T2", "M2", "M3");
