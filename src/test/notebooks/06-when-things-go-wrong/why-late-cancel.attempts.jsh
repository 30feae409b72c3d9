//// did not compile: a String where a double is wanted
double cancelLandsAt = "0.8";
char why = 'B';
//// not yet: the timer thought to cancel on time
double cancelLandsAt = 0.2;
char why = 'C';
//// not yet: the time right, the reason not chosen
double cancelLandsAt = 0.8;
char why = '?';
