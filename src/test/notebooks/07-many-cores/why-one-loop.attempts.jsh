//// did not compile: a String where a char is wanted
double predictedTimes = 4;
char reason = "A";
//// not yet: the cores taken to help
double predictedTimes = 1;
char reason = 'C';
//// not yet: the time right, the reason not chosen
double predictedTimes = 4;
char reason = '?';
