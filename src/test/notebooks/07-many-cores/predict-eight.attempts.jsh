//// did not compile: a method that does not exist
double predicted8 = SpeedUp.coreCount();
//// not yet: one core per thread, whatever the machine has
double predicted8 = 8 * 1.5;
