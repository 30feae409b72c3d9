long predictedSleeps = 25;
double predictedLoopSeconds = 6;
