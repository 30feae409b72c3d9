double predictedSeconds = 3.0;
int predictedSteps = 4;
