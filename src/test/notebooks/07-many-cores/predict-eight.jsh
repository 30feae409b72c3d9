// Exercise 2: your prediction
double predicted8 = 0.9 * Math.min(SpeedUp.cores(), 8);   // at most one core per thread: min(cores, 8), a little less in practice
