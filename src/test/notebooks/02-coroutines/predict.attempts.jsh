//// did not compile: both predictions on one line with a comma
double predictedSeconds = 3.0, int predictedSteps = 4;
//// not yet: the longest wait only, as if the three overlapped
double predictedSeconds = 1.5;
int predictedSteps = 4;
//// not yet: the time right, one step per sleep
double predictedSeconds = 3.0;
int predictedSteps = 3;
