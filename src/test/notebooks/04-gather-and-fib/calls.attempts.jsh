//// did not compile: the formula written with a Python-style power
long predictedCalls12 = 2 * 233 ** 1 - 1;
//// not yet: fib(12) itself instead of its calls
long predictedCalls12 = 144;
//// not yet: F(12) used in the formula instead of F(13)
long predictedCalls12 = 2 * 144 - 1;
