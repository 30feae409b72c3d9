// Exercise 3: keep the loop free
long slowSquare(ExecutorService pool, int n) {
    return runInExecutor(pool, () -> {
        long f = Fib.plain(n).value();
        return f * f;
    });
}
