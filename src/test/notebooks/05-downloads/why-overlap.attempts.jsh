//// did not compile: a String where a char is wanted
double eightPagesSeconds = 0.5;
char why = "B";
//// not yet: the pages taken to add up
double eightPagesSeconds = 4;
char why = 'B';
//// not yet: the time right, threads blamed
double eightPagesSeconds = 0.5;
char why = 'C';
