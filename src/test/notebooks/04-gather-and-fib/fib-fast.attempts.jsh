//// did not compile: the loop's counter never declared
long fibFast(int n) {
    long a = 0, b = 1;
    for (i = 0; i < n; i++) { long next = a + b; a = b; b = next; }
    return a;
}
//// not yet: counts one step too far (returns F(n+1))
long fibFast(int n) {
    long a = 0, b = 1;
    for (int i = 0; i < n; i++) { long next = a + b; a = b; b = next; }
    return b;
}
//// not yet: the two numbers kept in ints, so F(90) overflows
long fibFast(int n) {
    int a = 0, b = 1;
    for (int i = 0; i < n; i++) { int next = a + b; a = b; b = next; }
    return a;
}
