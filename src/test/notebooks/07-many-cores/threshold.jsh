// Exercise 1: your threshold
int threshold = 21;   // the smallest task, fib(19), makes 13,529 calls; fib(32) then makes hundreds of tasks
