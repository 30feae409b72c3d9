package asynccourse.parallel;

import java.util.ArrayList;
import java.util.List;

/**
 * The program {@link ChildJvm} starts in a child JVM. Its first argument says what to do:
 * {@code hello} prints a greeting with its process id; {@code fib N} prints fib(N);
 * {@code oom} allocates until the heap is exhausted (run it with a small {@code -Xmx});
 * {@code crash} throws an uncaught exception (exit status 1); {@code sleep MS} sleeps.
 *
 * <p>Threading, cancellation, nulls: a plain {@code main}; not for use inside a notebook's JVM.
 */
public final class ChildMain {
    private ChildMain() {}

    /**
     * Runs the command named by {@code args[0]}.
     *
     * @param args the command and its argument
     * @throws Exception what the command throws (crash: on purpose)
     */
    public static void main(String[] args) throws Exception {
        String what = args.length == 0 ? "hello" : args[0];
        switch (what) {
            case "hello" -> System.out.println("hello from a child JVM, pid " + ProcessHandle.current().pid());
            case "fib" -> {
                int n = Integer.parseInt(args[1]);
                System.out.println("fib(" + n + ") = " + CpuWork.fib(n));
            }
            case "oom" -> {
                List<long[]> hoard = new ArrayList<>();
                while (true) {
                    hoard.add(new long[1 << 20]); // 8 MB at a time, never released
                }
            }
            case "crash" -> throw new IllegalStateException("the child crashed on purpose");
            case "sleep" -> Thread.sleep(Long.parseLong(args[1]));
            default -> {
                System.out.println("unknown command " + what + "; use hello, fib N, oom, crash or sleep MS");
                System.exit(2);
            }
        }
    }
}
