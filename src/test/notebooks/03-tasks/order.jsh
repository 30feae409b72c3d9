List<String> predictedOrder = List.of("M1", "T1", "M2", "T2", "M3");
