package asynccourse.loop.conformance;

import static asynccourse.loop.Asyncio.createTask;
import static asynccourse.loop.Asyncio.currentTask;
import static asynccourse.loop.Asyncio.getRunningLoop;
import static asynccourse.loop.Asyncio.loopTime;
import static asynccourse.loop.Asyncio.sleep;
import static asynccourse.loop.TestLoops.vrun;
import static asynccourse.loop.conformance.Conformance.ms;
import static asynccourse.loop.conformance.Conformance.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asynccourse.loop.Asyncio;
import asynccourse.loop.Coroutine;
import asynccourse.loop.Task;
import asynccourse.loop.TaskGroup;
import asynccourse.loop.TaskGroupException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * CPython 3.11.7's {@code Lib/test/test_asyncio/test_taskgroups.py}, case by case, on the
 * virtual clock; each test is named after the CPython test it follows ({@code 1 / 0} stays a
 * division by zero: {@link ArithmeticException}).
 *
 * <p>{@code async with TaskGroup() as g:} becomes {@link TaskGroup#run} where the Python block
 * itself raises or is cancelled (Java's {@code close()} cannot tell that the body of a
 * try-with-resources threw, see {@link TaskGroup}), and a try-with-resources where it only
 * creates tasks. Where ours differs, and why:
 * <ul>
 *   <li><b>The body's own exception.</b> asyncio wraps an exception of the block into the
 *       {@code ExceptionGroup} with the children's. {@code TaskGroup.run} throws the body's
 *       exception as is, the group's {@link TaskGroupException} (the children's failures) added
 *       to it as suppressed: Java code catches the type it threw. The <em>set</em> of errors is
 *       the same; {@link #errorTypes} reads it from either shape, as CPython's
 *       {@code get_error_types} reads an {@code ExceptionGroup}. A cancelled body (a
 *       {@code CancellationException}) is not an error of its own: then the children's failures
 *       win and {@code TaskGroupException} is thrown, as asyncio does.</li>
 *   <li><b>Nested groups</b> (test_taskgroup_11, _12, _14): an inner group's
 *       {@code TaskGroupException} leaves the outer {@code run} as the body's exception, so it is
 *       not wrapped a second time: one level, with the same leaf errors.</li>
 *   <li><b>BaseException</b> ({@code KeyboardInterrupt}, {@code MyBaseExc}): Java has no such
 *       class of "do not catch" exceptions for tasks; an {@link Error} stands in, and is carried
 *       like any other failure.</li>
 *   <li><b>Entering</b> (test_taskgroup_already_entered, _double_enter, _not_entered): a Java
 *       group is entered when it is constructed, in one coroutine, and cannot be entered again;
 *       these three cases have no counterpart and are disabled with that reason.</li>
 *   <li><b>Context variables</b> (test_taskgroup_task_context): the library has none.</li>
 * </ul>
 */
class TaskGroupConformanceTest {

    /** CPython's {@code MyExc}. */
    static final class MyExc extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    /** CPython's {@code MyBaseExc} (a {@code BaseException}); an {@link Error} here. */
    static final class MyBaseExc extends Error {
        private static final long serialVersionUID = 1L;
    }

    /** {@code 1 / 0}. */
    private static int divideByZero() {
        int zero = 0;
        return 1 / zero;
    }

    /**
     * CPython's {@code get_error_types}: the classes of the group's errors, from a
     * {@link TaskGroupException} or from a body's exception with the group's failures
     * suppressed (see the class comment).
     */
    static Set<Class<?>> errorTypes(Throwable t) {
        Set<Class<?>> types = new HashSet<>();
        if (t instanceof TaskGroupException g) {
            g.exceptions().forEach(e -> types.add(e.getClass()));
            return types;
        }
        types.add(t.getClass());
        for (Throwable s : t.getSuppressed()) {
            if (s instanceof TaskGroupException g) {
                g.exceptions().forEach(e -> types.add(e.getClass()));
            }
        }
        return types;
    }

    /** {@code len(g._tasks)}: the children not done yet, as the group's toString shows them. */
    private static int pending(TaskGroup g) {
        Matcher m = Pattern.compile("pending=(\\d+)").matcher(g.toString());
        assertTrue(m.find(), g.toString());
        return Integer.parseInt(m.group(1));
    }

    private static Coroutine<Integer> sleepThen(Duration d, int result) {
        return () -> {
            sleep(d);
            return result;
        };
    }

    /** {@code try: await asyncio.sleep(10) finally: 1 / 0}. */
    private static Object sleepThenDivideByZero() {
        try {
            sleep(s(10));
        } finally {
            divideByZero();
        }
        return null;
    }

    /** {@code crash_after(t)}: sleeps, then raises {@code ValueError(t)}. */
    private static Coroutine<Void> crashAfter(Duration d) {
        return () -> {
            sleep(d);
            throw new IllegalArgumentException(d.toString());
        };
    }

    @Test
    @DisplayName("test_taskgroups.py::test_taskgroup_01")
    void taskgroup01() {
        vrun(() -> {
            Task<Integer> t1;
            Task<Integer> t2;
            try (var g = new TaskGroup()) {
                t1 = g.createTask(sleepThen(ms(100), 42));
                t2 = g.createTask(sleepThen(ms(200), 11));
            }
            assertEquals(42, t1.result());
            assertEquals(11, t2.result());
            return null;
        });
    }

    @Test
    @DisplayName("test_taskgroups.py::test_taskgroup_02")
    void taskgroup02() {
        vrun(() -> {
            Task<Integer> t1;
            Task<Integer> t2;
            try (var g = new TaskGroup()) {
                t1 = g.createTask(sleepThen(ms(100), 42));
                sleep(ms(150));
                t2 = g.createTask(sleepThen(ms(200), 11));
            }
            assertEquals(42, t1.result());
            assertEquals(11, t2.result());
            return null;
        });
    }

    @Test
    @DisplayName("test_taskgroups.py::test_taskgroup_03")
    void taskgroup03() {
        vrun(() -> {
            Task<Integer> t1;
            Task<Integer> t2;
            try (var g = new TaskGroup()) {
                t1 = g.createTask(sleepThen(s(1), 42));
                sleep(ms(150));
                // cancel t1 explicitly, i.e. everything should continue working as expected
                t1.cancel();
                t2 = g.createTask(sleepThen(ms(200), 11));
            }
            assertTrue(t1.isCancelled());
            assertEquals(11, t2.result());
            return null;
        });
    }

    @Test
    @DisplayName("test_taskgroups.py::test_taskgroup_04")
    void taskgroup04() {
        vrun(() -> {
            int[] num = {0};
            boolean[] t2Cancel = {false};
            List<Task<?>> t2 = new ArrayList<>();
            Coroutine<Object> foo1 = () -> {
                sleep(ms(100));
                return divideByZero();
            };
            Coroutine<Object> foo2 = () -> {
                try {
                    sleep(s(1));
                } catch (CancellationException e) {
                    t2Cancel[0] = true;
                    throw e;
                }
                num[0] += 1;
                return null;
            };
            Task<Void> runner = createTask(() -> {
                try (var g = new TaskGroup()) {
                    g.createTask(foo1);
                    t2.add(g.createTask(foo2));
                }
                num[0] += 10;
                return null;
            });
            TaskGroupException e = assertThrows(TaskGroupException.class, runner::await);
            assertEquals(Set.of(ArithmeticException.class), errorTypes(e));
            assertEquals(0, num[0]);
            assertTrue(t2Cancel[0]);
            assertTrue(t2.get(0).isCancelled());
            return null;
        });
    }

    @Test
    @DisplayName("test_taskgroups.py::test_cancel_children_on_child_error")
    void cancelChildrenOnChildError() {
        vrun(() -> {
            int[] num = {0};
            boolean[] t2Cancel = {false};
            boolean[] runnerCancel = {false};
            Coroutine<Object> foo1 = () -> {
                sleep(ms(100));
                return divideByZero();
            };
            Coroutine<Object> foo2 = () -> {
                try {
                    sleep(s(5));
                } catch (CancellationException e) {
                    t2Cancel[0] = true;
                    throw e;
                }
                num[0] += 1;
                return null;
            };
            Task<Void> runner = createTask(() -> {
                TaskGroup.run(g -> {
                    g.createTask(foo1);
                    g.createTask(foo1);
                    g.createTask(foo1);
                    g.createTask(foo2);
                    try {
                        sleep(s(10));
                    } catch (CancellationException e) {
                        runnerCancel[0] = true;
                        throw e;
                    }
                    return null;
                });
                num[0] += 10;
                return null;
            });
            TaskGroupException e = assertThrows(TaskGroupException.class, runner::await);
            assertEquals(Set.of(ArithmeticException.class), errorTypes(e));
            // on the virtual clock the three foo1 fail in the same iteration: all three are there
            assertEquals(3, e.exceptions().size());
            assertEquals(0, num[0]);
            assertTrue(t2Cancel[0]);
            assertTrue(runnerCancel[0]);
            return null;
        });
    }

    @Test
    @DisplayName("test_taskgroups.py::test_cancellation")
    void cancellation() {
        vrun(() -> {
            int[] num = {0};
            Coroutine<Object> foo = () -> {
                try {
                    sleep(s(5));
                } catch (CancellationException e) {
                    num[0] += 1;
                    throw e;
                }
                return null;
            };
            Task<Void> r = createTask(() -> {
                try (var g = new TaskGroup()) {
                    for (int i = 0; i < 5; i++) {
                        g.createTask(foo);
                    }
                }
                return null;
            });
            sleep(ms(100));
            assertFalse(r.isDone());
            r.cancel();
            assertThrows(CancellationException.class, r::await);
            assertEquals(5, num[0]);
            return null;
        });
    }

    @Test
    @DisplayName("test_taskgroups.py::test_taskgroup_07")
    void taskgroup07() {
        vrun(() -> {
            int[] num = {0};
            Coroutine<Object> foo = () -> {
                try {
                    sleep(s(5));
                } catch (CancellationException e) {
                    num[0] += 1;
                    throw e;
                }
                return null;
            };
            Task<Void> r = createTask(() -> TaskGroup.run(g -> {
                for (int i = 0; i < 5; i++) {
                    g.createTask(foo);
                }
                try {
                    sleep(s(10));
                } catch (CancellationException e) {
                    num[0] += 10;
                    throw e;
                }
                return null;
            }));
            sleep(ms(100));
            assertFalse(r.isDone());
            r.cancel();
            assertThrows(CancellationException.class, r::await);
            assertEquals(15, num[0]);
            return null;
        });
    }

    @Test
    @DisplayName("test_taskgroups.py::test_taskgroup_08")
    void taskgroup08() {
        vrun(() -> {
            Task<Void> r = createTask(() -> TaskGroup.run(g -> {
                for (int i = 0; i < 5; i++) {
                    g.createTask(TaskGroupConformanceTest::sleepThenDivideByZero);
                }
                sleep(s(10));
                return null;
            }));
            sleep(ms(100));
            assertFalse(r.isDone());
            r.cancel();
            TaskGroupException e = assertThrows(TaskGroupException.class, r::await);
            assertEquals(Set.of(ArithmeticException.class), errorTypes(e));
            return null;
        });
    }

    @Test
    @DisplayName("test_taskgroups.py::test_taskgroup_09")
    void taskgroup09() {
        vrun(() -> {
            List<Task<Integer>> ts = new ArrayList<>();
            // asyncio: ExceptionGroup[ZeroDivisionError]; here the body's exception itself
            ArithmeticException e = assertThrows(ArithmeticException.class, () -> TaskGroup.run(g -> {
                ts.add(g.createTask(sleepThen(s(1), 42)));
                ts.add(g.createTask(sleepThen(s(2), 11)));
                sleep(ms(100));
                return divideByZero();
            }));
            assertEquals(Set.of(ArithmeticException.class), errorTypes(e));
            assertTrue(ts.get(0).isCancelled());
            assertTrue(ts.get(1).isCancelled());
            return null;
        });
    }

    @Test
    @DisplayName("test_taskgroups.py::test_taskgroup_10")
    void taskgroup10() {
        vrun(() -> {
            List<Task<Integer>> ts = new ArrayList<>();
            ArithmeticException e = assertThrows(ArithmeticException.class, () -> TaskGroup.run(g -> {
                ts.add(g.createTask(sleepThen(s(1), 42)));
                ts.add(g.createTask(sleepThen(s(2), 11)));
                return divideByZero();
            }));
            assertEquals(Set.of(ArithmeticException.class), errorTypes(e));
            assertTrue(ts.get(0).isCancelled());
            assertTrue(ts.get(1).isCancelled());
            return null;
        });
    }

    @Test
    @DisplayName("test_taskgroups.py::test_taskgroup_11")
    @SuppressWarnings("try") // as the Python test
    void taskgroup11() {
        vrun(() -> {
            Task<Void> r = createTask(() -> {
                try (var outer = new TaskGroup()) {
                    TaskGroup.run(g2 -> {
                        for (int i = 0; i < 5; i++) {
                            g2.createTask(TaskGroupConformanceTest::sleepThenDivideByZero);
                        }
                        sleep(s(10));
                        return null;
                    });
                }
                return null;
            });
            sleep(ms(100));
            assertFalse(r.isDone());
            r.cancel();
            // asyncio: ExceptionGroup[ExceptionGroup[ZeroDivisionError...]]; one level here
            TaskGroupException e = assertThrows(TaskGroupException.class, r::await);
            assertEquals(Set.of(ArithmeticException.class), errorTypes(e));
            assertEquals(5, e.exceptions().size());
            return null;
        });
    }

    @Test
    @DisplayName("test_taskgroups.py::test_taskgroup_12")
    void taskgroup12() {
        vrun(() -> {
            List<Task<?>> g1Child = new ArrayList<>();
            Task<Void> r = createTask(() -> TaskGroup.run(g1 -> {
                g1Child.add(g1.createTask(() -> {
                    sleep(s(10));
                    return null;
                }));
                return TaskGroup.run(g2 -> {
                    for (int i = 0; i < 5; i++) {
                        g2.createTask(TaskGroupConformanceTest::sleepThenDivideByZero);
                    }
                    sleep(s(10));
                    return null;
                });
            }));
            sleep(ms(100));
            assertFalse(r.isDone());
            r.cancel();
            TaskGroupException e = assertThrows(TaskGroupException.class, r::await);
            assertEquals(Set.of(ArithmeticException.class), errorTypes(e));
            assertTrue(g1Child.get(0).isCancelled(), "the outer group's child was cancelled too");
            return null;
        });
    }

    @Test
    @DisplayName("test_taskgroups.py::test_taskgroup_13")
    void taskgroup13() {
        vrun(() -> {
            Task<Void> r = createTask(() -> TaskGroup.run(g1 -> {
                g1.createTask(crashAfter(ms(100)));
                try (var g2 = new TaskGroup()) {
                    g2.createTask(crashAfter(s(10)));
                }
                return null;
            }));
            TaskGroupException e = assertThrows(TaskGroupException.class, r::await);
            assertEquals(Set.of(IllegalArgumentException.class), errorTypes(e));
            assertEquals(0.1, loopTime());
            return null;
        });
    }

    @Test
    @DisplayName("test_taskgroups.py::test_taskgroup_14")
    void taskgroup14() {
        vrun(() -> {
            Task<Void> r = createTask(() -> TaskGroup.run(g1 -> {
                g1.createTask(crashAfter(s(10)));
                try (var g2 = new TaskGroup()) {
                    g2.createTask(crashAfter(ms(100)));
                }
                return null;
            }));
            // asyncio: ExceptionGroup[ExceptionGroup[ValueError]]; one level here
            TaskGroupException e = assertThrows(TaskGroupException.class, r::await);
            assertEquals(Set.of(IllegalArgumentException.class), errorTypes(e));
            assertEquals(0.1, loopTime());
            return null;
        });
    }

    /** The body of test_taskgroup_15 and _16. */
    private static Object crashSoonWhileCancelled() {
        return TaskGroup.run(g1 -> {
            g1.createTask(() -> {
                sleep(ms(300));
                return divideByZero();
            });
            try {
                sleep(s(10));
            } catch (CancellationException e) {
                sleep(ms(500));
                throw e;
            }
            return null;
        });
    }

    @Test
    @DisplayName("test_taskgroups.py::test_taskgroup_15")
    void taskgroup15() {
        vrun(() -> {
            Task<Object> r = createTask(TaskGroupConformanceTest::crashSoonWhileCancelled);
            sleep(ms(100));
            assertFalse(r.isDone());
            r.cancel();
            TaskGroupException e = assertThrows(TaskGroupException.class, r::await);
            assertEquals(Set.of(ArithmeticException.class), errorTypes(e));
            return null;
        });
    }

    @Test
    @DisplayName("test_taskgroups.py::test_taskgroup_16")
    void taskgroup16() {
        vrun(() -> {
            Task<Object> r = createTask(() -> createTask(TaskGroupConformanceTest::crashSoonWhileCancelled).await());
            sleep(ms(100));
            assertFalse(r.isDone());
            r.cancel();
            TaskGroupException e = assertThrows(TaskGroupException.class, r::await);
            assertEquals(Set.of(ArithmeticException.class), errorTypes(e));
            return null;
        });
    }

    @Test
    @DisplayName("test_taskgroups.py::test_taskgroup_17")
    @SuppressWarnings("try") // as the Python test
    void taskgroup17() {
        vrun(() -> {
            int[] num = {0};
            Task<Void> r = createTask(() -> {
                try (var g = new TaskGroup()) {
                    try {
                        sleep(s(10));
                    } catch (CancellationException e) {
                        num[0] += 10;
                        throw e;
                    }
                }
                return null;
            });
            sleep(ms(100));
            assertFalse(r.isDone());
            r.cancel();
            assertThrows(CancellationException.class, r::await);
            assertEquals(10, num[0]);
            return null;
        });
    }

    @Test
    @DisplayName("test_taskgroups.py::test_taskgroup_18")
    void taskgroup18() {
        vrun(() -> {
            int[] num = {0};
            Task<Void> r = createTask(() -> TaskGroup.run(g -> {
                try {
                    sleep(s(10));
                } catch (CancellationException e) {
                    num[0] += 10;
                    // "This isn't a good idea, but we have to support this weird case."
                    throw new MyExc();
                }
                return null;
            }));
            sleep(ms(100));
            assertFalse(r.isDone());
            r.cancel();
            // asyncio: ExceptionGroup[MyExc]; the body's own exception here
            MyExc e = assertThrows(MyExc.class, r::await);
            assertEquals(Set.of(MyExc.class), errorTypes(e));
            assertEquals(10, num[0]);
            return null;
        });
    }

    /** The runner of test_taskgroup_19, _20, _20a, _21a: a child crashes while the body awaits. */
    @SuppressWarnings("finally") // as the Python test
    private static Object crashWhileNested(Coroutine<Object> crash, Throwable fromFinally) {
        return TaskGroup.run(g -> {
            g.createTask(crash);
            try {
                sleep(s(10));
            } finally {
                // replaces the body's CancellationException, as Python's finally: raise
                if (fromFinally instanceof Error e) {
                    throw e;
                }
                throw (RuntimeException) fromFinally;
            }
        });
    }

    private static Coroutine<Object> crashSoon() {
        return () -> {
            sleep(ms(100));
            return divideByZero();
        };
    }

    @Test
    @DisplayName("test_taskgroups.py::test_taskgroup_19")
    void taskgroup19() {
        vrun(() -> {
            Task<Object> r = createTask(() -> crashWhileNested(crashSoon(), new MyExc()));
            MyExc e = assertThrows(MyExc.class, r::await);
            assertEquals(Set.of(MyExc.class, ArithmeticException.class), errorTypes(e));
            return null;
        });
    }

    /** {@code KeyboardInterrupt}: an {@link Error} (see the class comment). */
    static final class KeyboardInterrupt extends Error {
        private static final long serialVersionUID = 1L;
    }

    @Test
    @DisplayName("test_taskgroups.py::test_taskgroup_20")
    void taskgroup20() {
        vrun(() -> {
            assertThrows(KeyboardInterrupt.class, () -> crashWhileNested(crashSoon(), new KeyboardInterrupt()));
            return null;
        });
    }

    @Test
    @DisplayName("test_taskgroups.py::test_taskgroup_20a")
    void taskgroup20a() {
        vrun(() -> {
            // asyncio: BaseExceptionGroup[MyBaseExc, ZeroDivisionError]
            MyBaseExc e = assertThrows(MyBaseExc.class, () -> crashWhileNested(crashSoon(), new MyBaseExc()));
            assertEquals(Set.of(MyBaseExc.class, ArithmeticException.class), errorTypes(e));
            return null;
        });
    }

    @Test
    @Disabled("CPython disables it too (_test_taskgroup_21): asyncio does not propagate a child's KeyboardInterrupt")
    @DisplayName("test_taskgroups.py::_test_taskgroup_21")
    void taskgroup21() {}

    @Test
    @DisplayName("test_taskgroups.py::test_taskgroup_21a")
    void taskgroup21a() {
        vrun(() -> {
            Coroutine<Object> crash = () -> {
                sleep(ms(100));
                throw new MyBaseExc();
            };
            // asyncio: BaseExceptionGroup[MyBaseExc, TypeError]; TypeError is a ClassCastException here
            ClassCastException e = assertThrows(ClassCastException.class,
                    () -> crashWhileNested(crash, new ClassCastException()));
            assertEquals(Set.of(MyBaseExc.class, ClassCastException.class), errorTypes(e));
            return null;
        });
    }

    @Test
    @DisplayName("test_taskgroups.py::test_taskgroup_22")
    void taskgroup22() {
        vrun(() -> {
            Task<Void> r = createTask(() -> {
                try (var g = new TaskGroup()) {
                    g.createTask(sleepThen(s(1), 42));
                    g.createTask(sleepThen(s(2), 11));
                }
                return null;
            });
            sleep(ms(50));
            r.cancel();
            assertThrows(CancellationException.class, r::await);
            assertEquals(0.05, loopTime());
            return null;
        });
    }

    @Test
    @DisplayName("test_taskgroups.py::test_taskgroup_23")
    void taskgroup23() {
        vrun(() -> {
            try (var g = new TaskGroup()) {
                for (int count = 0; count < 10; count++) {
                    sleep(ms(100));
                    g.createTask(() -> {
                        sleep(ms(300));
                        return null;
                    });
                    if (count == 5) {
                        assertTrue(pending(g) < 5, g.toString());
                    }
                }
                sleep(ms(1350));
                assertEquals(0, pending(g));
            }
            return null;
        });
    }

    @Test
    @DisplayName("test_taskgroups.py::test_taskgroup_24")
    void taskgroup24() {
        vrun(() -> {
            try (var g = new TaskGroup()) {
                g.createTask(() -> { // root(g): creates children while the group closes
                    sleep(ms(100));
                    g.createTask(sleepThen(ms(100), 1));
                    g.createTask(sleepThen(ms(200), 2));
                    return null;
                });
            }
            assertEquals(0.3, loopTime(), 1e-9);
            return null;
        });
    }

    @Test
    @DisplayName("test_taskgroups.py::test_taskgroup_25")
    void taskgroup25() {
        vrun(() -> {
            int[] nhydras = {0};
            TaskGroupException e = assertThrows(TaskGroupException.class, () -> {
                try (var g = new TaskGroup()) {
                    class Hydra implements Coroutine<Object> {
                        @Override
                        public Object call() {
                            nhydras[0]++;
                            sleep(ms(10));
                            g.createTask(new Hydra());
                            g.createTask(new Hydra());
                            return null;
                        }
                    }
                    g.createTask(new Hydra());
                    g.createTask(() -> { // hercules
                        while (nhydras[0] < 10) {
                            sleep(ms(15));
                        }
                        return divideByZero();
                    });
                }
            });
            assertEquals(Set.of(ArithmeticException.class), errorTypes(e));
            assertTrue(nhydras[0] >= 10, "nhydras " + nhydras[0]);
            return null;
        });
    }

    @Test
    @DisplayName("test_taskgroups.py::test_taskgroup_task_name")
    void taskgroupTaskName() {
        vrun(() -> {
            try (var g = new TaskGroup()) {
                Task<Void> t = g.createTask(() -> {
                    sleep(Duration.ZERO);
                    return null;
                }, "yolo");
                assertEquals("yolo", t.name());
            }
            return null;
        });
    }

    @Test
    @Disabled("no counterpart: the library has no context variables, so createTask takes no context")
    @DisplayName("test_taskgroups.py::test_taskgroup_task_context")
    void taskgroupTaskContext() {}

    @Test
    @DisplayName("test_taskgroups.py::test_taskgroup_no_create_task_after_failure")
    void taskgroupNoCreateTaskAfterFailure() {
        vrun(() -> {
            Coroutine<Object> coro1 = () -> {
                sleep(ms(1));
                return divideByZero();
            };
            boolean[] refused = {false};
            TaskGroupException e = assertThrows(TaskGroupException.class, () -> {
                try (var g = new TaskGroup()) {
                    g.createTask(coro1);
                    g.createTask(() -> { // coro2(g)
                        try {
                            sleep(s(1));
                        } catch (CancellationException ce) {
                            IllegalStateException refusal = assertThrows(IllegalStateException.class,
                                    () -> g.createTask(coro1));
                            assertTrue(refusal.getMessage().contains("shutting down"), refusal.getMessage());
                            refused[0] = true;
                            // Python awaits the coroutine object to avoid a warning; calling it here
                            assertThrows(ArithmeticException.class, coro1::call);
                        }
                        return null;
                    });
                }
            });
            assertEquals(Set.of(ArithmeticException.class), errorTypes(e));
            assertTrue(refused[0]);
            return null;
        });
    }

    /** CPython's {@code CustomException} of test_taskgroup_context_manager_exit_raises. */
    static final class CustomException extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    @Test
    @DisplayName("test_taskgroups.py::test_taskgroup_context_manager_exit_raises")
    @SuppressWarnings("finally") // as the Python test
    void taskgroupContextManagerExitRaises() {
        // https://github.com/python/cpython/issues/95289: the group's own cancellation of its
        // parent is taken back even when the body ends with another exception
        vrun(() -> createTask(() -> {
            Task<?> task = currentTask();
            CustomException err = assertThrows(CustomException.class, () -> TaskGroup.run(tg -> {
                try { // async with database():
                    tg.createTask(() -> {
                        throw new CustomException();
                    });
                    sleep(s(1));
                } finally {
                    throw new CustomException();
                }
            }));
            assertEquals(0, task.cancelling());
            // asyncio: 2 CustomExceptions in the group; here the body's, with the child's suppressed
            assertEquals(1, ((TaskGroupException) err.getSuppressed()[0]).exceptions().size());
            assertInstanceOf(CustomException.class, err.getSuppressed()[0].getCause());
            return null;
        }).await());
    }

    @Test
    @Disabled("no counterpart: a Java TaskGroup is entered by its constructor and cannot be entered again")
    @DisplayName("test_taskgroups.py::test_taskgroup_already_entered")
    void taskgroupAlreadyEntered() {}

    @Test
    @Disabled("no counterpart: a Java TaskGroup is entered by its constructor and cannot be entered again;"
            + " a second close() is a no-op, as AutoCloseable advises (TaskGroupTest)")
    @DisplayName("test_taskgroups.py::test_taskgroup_double_enter")
    void taskgroupDoubleEnter() {}

    @Test
    @DisplayName("test_taskgroups.py::test_taskgroup_finished")
    void taskgroupFinished() {
        vrun(() -> {
            TaskGroup tg = new TaskGroup();
            tg.close();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> tg.createTask(() -> null));
            assertTrue(e.getMessage().contains("is finished"), e.getMessage());
            return null;
        });
    }

    @Test
    @Disabled("no counterpart: a Java TaskGroup is entered by its constructor, so there is no group that"
            + " has not been entered")
    @DisplayName("test_taskgroups.py::test_taskgroup_not_entered")
    void taskgroupNotEntered() {}

    @Test
    @DisplayName("test_taskgroups.py::test_taskgroup_without_parent_task")
    void taskgroupWithoutParentTask() {
        vrun(() -> {
            CompletableFuture<Throwable> refused = new CompletableFuture<>();
            getRunningLoop().callSoon(() -> { // await_without_task: no current task
                try {
                    new TaskGroup();
                    refused.complete(null);
                } catch (Throwable t) {
                    refused.complete(t);
                }
            });
            Throwable t = Asyncio.await(refused);
            assertInstanceOf(IllegalStateException.class, t);
            assertTrue(t.getMessage().contains("must be called from a coroutine (a task)"), t.getMessage());
            return null;
        });
    }
}
