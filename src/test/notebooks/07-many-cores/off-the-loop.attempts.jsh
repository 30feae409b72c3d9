//// did not compile: runInExecutor given the value instead of code that computes it
long slowSquare(ExecutorService pool, int n) {
    long f = Fib.plain(n).value();
    return runInExecutor(pool, f * f);
}
//// not yet: fib still computed on the loop, only the multiplication handed to the pool
long slowSquare(ExecutorService pool, int n) {
    long f = Fib.plain(n).value();
    return runInExecutor(pool, () -> f * f);
}
