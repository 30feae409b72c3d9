long predictedMillis = 500;
