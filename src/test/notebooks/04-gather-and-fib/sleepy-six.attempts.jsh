//// did not compile: a decimal number for a long
long predictedSleeps = 25.0;
double predictedLoopSeconds = 6;
//// not yet: the sleeps counted right, the sleeps taken to add up
long predictedSleeps = 25;
double predictedLoopSeconds = 25;
//// not yet: one sleep per level
long predictedSleeps = 6;
double predictedLoopSeconds = 6;
