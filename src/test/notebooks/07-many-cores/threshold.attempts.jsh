//// did not compile: the thousands written with a comma
int threshold = 21,000;
//// not yet: so high that there are too few tasks to keep every core busy
int threshold = 32;
//// not yet: so low that the smallest tasks make only a few calls
int threshold = 10;
