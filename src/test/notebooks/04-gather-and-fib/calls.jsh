long predictedCalls12 = 465;
