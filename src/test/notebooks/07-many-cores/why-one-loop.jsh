// Exercise 4: predict, then choose A, B or C
double predictedTimes = 4;   // one after another on the loop's one thread, however many cores
char reason = 'A';           // fib never awaits, so a task never gives the loop back before it ends
