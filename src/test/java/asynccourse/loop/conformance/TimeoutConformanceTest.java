package asynccourse.loop.conformance;

import static asynccourse.loop.Asyncio.createTask;
import static asynccourse.loop.Asyncio.currentTask;
import static asynccourse.loop.Asyncio.getRunningLoop;
import static asynccourse.loop.Asyncio.loopTime;
import static asynccourse.loop.Asyncio.sleep;
import static asynccourse.loop.Asyncio.timeout;
import static asynccourse.loop.Asyncio.timeoutAt;
import static asynccourse.loop.conformance.Conformance.holdLoop;
import static asynccourse.loop.conformance.Conformance.ms;
import static asynccourse.loop.conformance.Conformance.s;
import static asynccourse.loop.TestLoops.vrun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asynccourse.loop.AsyncTimeoutException;
import asynccourse.loop.Task;
import asynccourse.loop.Timeout;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * CPython 3.11's Lib/test/test_asyncio/test_timeouts.py (class TimeoutTests), case by case,
 * on the virtual clock. {@code async with asyncio.timeout(d) as cm: body} is
 * {@code Timeout cm = timeout(d); cm.run(() -> body)}; {@code TimeoutError} is
 * {@link AsyncTimeoutException}; {@code None} as a deadline is {@code Double.POSITIVE_INFINITY}.
 */
class TimeoutConformanceTest {

    @Test
    @DisplayName("test_timeouts.py::test_timeout_basic")
    void timeoutBasic() {
        vrun(() -> {
            Timeout cm = timeout(ms(10));
            assertThrows(AsyncTimeoutException.class, () -> cm.run(() -> {
                sleep(s(10));
                return null;
            }));
            assertTrue(cm.expired());
            assertEquals(0.01, loopTime(), "the block ended at its deadline");
            return null;
        });
    }

    @Test
    @DisplayName("test_timeouts.py::test_timeout_at_basic")
    void timeoutAtBasic() {
        vrun(() -> {
            double deadline = loopTime() + 0.01;
            Timeout cm = timeoutAt(deadline);
            assertThrows(AsyncTimeoutException.class, () -> cm.run(() -> {
                sleep(s(10));
                return null;
            }));
            assertTrue(cm.expired());
            assertEquals(deadline, cm.when());
            return null;
        });
    }

    @Test
    @DisplayName("test_timeouts.py::test_nested_timeouts")
    void nestedTimeouts() {
        vrun(() -> {
            boolean[] cancelled = new boolean[1];
            double deadline = loopTime() + 0.01;
            Timeout cm1 = timeoutAt(deadline);
            Timeout cm2 = timeoutAt(deadline);
            // only the outermost block raises the timeout; the inner one lets the cancellation through
            assertThrows(AsyncTimeoutException.class, () -> cm1.run(() -> {
                try {
                    return cm2.run(() -> {
                        sleep(s(10));
                        return null;
                    });
                } catch (CancellationException e) {
                    cancelled[0] = true;
                    throw e;
                }
            }));
            assertTrue(cancelled[0]);
            assertTrue(cm1.expired());
            assertTrue(cm2.expired());
            return null;
        });
    }

    @Test
    @DisplayName("test_timeouts.py::test_waiter_cancelled")
    void waiterCancelled() {
        vrun(() -> {
            boolean[] cancelled = new boolean[1];
            assertThrows(AsyncTimeoutException.class, () -> timeout(ms(10), () -> {
                try {
                    sleep(s(10));
                } catch (CancellationException e) {
                    cancelled[0] = true;
                    throw e;
                }
                return null;
            }));
            assertTrue(cancelled[0], "the body saw the cancellation");
            return null;
        });
    }

    @Test
    @DisplayName("test_timeouts.py::test_timeout_not_called")
    void timeoutNotCalled() {
        vrun(() -> {
            Timeout cm = timeout(s(10));
            cm.run(() -> {
                sleep(ms(10));
                return null;
            });
            double t1 = loopTime();
            assertFalse(cm.expired());
            assertTrue(cm.when() > t1);
            return null;
        });
    }

    @Test
    @DisplayName("test_timeouts.py::test_timeout_disabled and ::test_timeout_at_disabled")
    void timeoutDisabled() {
        // asyncio.timeout(None) / timeout_at(None): here timeoutAt(POSITIVE_INFINITY); our
        // timeout(Duration) takes no null (the library's null policy), and the same object
        // answers both tests
        vrun(() -> {
            Timeout cm = timeoutAt(Double.POSITIVE_INFINITY);
            cm.run(() -> {
                sleep(ms(10));
                return null;
            });
            assertFalse(cm.expired());
            assertEquals(Double.POSITIVE_INFINITY, cm.when());
            return null;
        });
    }

    @Test
    @DisplayName("test_timeouts.py::test_timeout_zero")
    void timeoutZero() {
        vrun(() -> {
            double t0 = loopTime();
            Timeout cm = timeout(ms(0));
            assertThrows(AsyncTimeoutException.class, () -> cm.run(() -> {
                sleep(s(10));
                return null;
            }));
            double t1 = loopTime();
            assertTrue(cm.expired());
            assertTrue(t0 <= cm.when() && cm.when() <= t1);
            return null;
        });
    }

    @Test
    @DisplayName("test_timeouts.py::test_timeout_zero_sleep_zero")
    void timeoutZeroSleepZero() {
        vrun(() -> {
            double t0 = loopTime();
            Timeout cm = timeout(ms(0));
            assertThrows(AsyncTimeoutException.class, () -> cm.run(() -> {
                sleep(ms(0));
                return null;
            }));
            double t1 = loopTime();
            assertTrue(cm.expired());
            assertTrue(t0 <= cm.when() && cm.when() <= t1);
            return null;
        });
    }

    @Test
    @DisplayName("test_timeouts.py::test_timeout_in_the_past_sleep_zero")
    void timeoutInThePastSleepZero() {
        vrun(() -> {
            double t0 = loopTime();
            Timeout cm = timeout(s(-11));
            assertThrows(AsyncTimeoutException.class, () -> cm.run(() -> {
                sleep(ms(0));
                return null;
            }));
            double t1 = loopTime();
            assertTrue(cm.expired());
            assertTrue(t0 >= cm.when() && cm.when() <= t1);
            return null;
        });
    }

    @Test
    @DisplayName("test_timeouts.py::test_foreign_exception_passed")
    void foreignExceptionPassed() {
        vrun(() -> {
            Timeout cm = timeout(ms(10));
            assertThrows(IllegalArgumentException.class, () -> cm.run(() -> {
                throw new IllegalArgumentException("KeyError in the Python test");
            }));
            assertFalse(cm.expired());
            return null;
        });
    }

    @Test
    @DisplayName("test_timeouts.py::test_foreign_exception_on_timeout")
    void foreignExceptionOnTimeout() {
        vrun(() -> {
            assertThrows(ArithmeticException.class, () -> timeout(ms(10), () -> {
                try {
                    sleep(s(1));
                } finally {
                    @SuppressWarnings({"divzero", "unused"})
                    int x = 1 / 0;
                }
                return null;
            }));
            return null;
        });
    }

    @Test
    @DisplayName("test_timeouts.py::test_foreign_cancel_doesnt_timeout_if_not_expired")
    void foreignCancelDoesntTimeoutIfNotExpired() {
        vrun(() -> {
            Timeout cm = timeout(s(10));
            assertThrows(CancellationException.class, () -> cm.run(() -> {
                currentTask().cancel();
                sleep(s(10));
                return null;
            }));
            assertFalse(cm.expired());
            return null;
        });
    }

    @Test
    @DisplayName("test_timeouts.py::test_outer_task_is_not_cancelled")
    void outerTaskIsNotCancelled() {
        vrun(() -> {
            Task<Void> task = createTask(() -> {
                assertThrows(AsyncTimeoutException.class, () -> timeout(ms(1), () -> {
                    sleep(s(10));
                    return null;
                }));
                return null;
            });
            task.await();
            assertFalse(task.isCancelled());
            assertTrue(task.isDone());
            return null;
        });
    }

    @Test
    @DisplayName("test_timeouts.py::test_nested_timeouts_concurrent")
    void nestedTimeoutsConcurrent() {
        // CPython wraps the inner block in assertRaises(TimeoutError), which a CancelledError
        // passes through: the inner block is not expired, so it lets the outer deadline's
        // cancellation through, and the outer block turns it into the timeout. We assert that.
        vrun(() -> {
            assertThrows(AsyncTimeoutException.class, () -> timeout(ms(2), () -> {
                Timeout inner = timeout(ms(100));
                assertThrows(CancellationException.class, () -> inner.run(() -> {
                    holdLoop(ms(10)); // pretend we crunch some numbers
                    sleep(s(1));
                    return null;
                }));
                assertFalse(inner.expired());
                throw new CancellationException("rethrown as the Python test's assertRaises would");
            }));
            return null;
        });
    }

    @Test
    @DisplayName("test_timeouts.py::test_nested_timeouts_loop_busy")
    void nestedTimeoutsLoopBusy() {
        // both deadlines are due in the same iteration (the loop was held 100 ms): the inner
        // one fires first, the outer one cancels the task again, so the inner block has a
        // cancellation left over and lets it through; the outer one raises the timeout.
        // CPython 3.11.7, same program with time.sleep(0.1): inner CancelledError at 0.1 s,
        // outer TimeoutError at 0.1 s.
        vrun(() -> {
            double t0 = loopTime();
            String[] innerSaw = new String[1];
            assertThrows(AsyncTimeoutException.class, () -> timeout(ms(100), () -> {
                try {
                    timeout(ms(10), () -> {
                        holdLoop(ms(100)); // pretend the loop is busy for a while
                        sleep(s(1));
                        return null;
                    });
                } catch (AsyncTimeoutException | CancellationException e) {
                    innerSaw[0] = e.getClass().getSimpleName();
                    if (e instanceof CancellationException ce) {
                        throw ce;
                    }
                }
                sleep(s(10)); // interrupted by the outer deadline
                return null;
            }));
            double t1 = loopTime();
            assertEquals("CancellationException", innerSaw[0]);
            assertTrue(t0 <= t1 && t1 <= t0 + 1);
            return null;
        });
    }

    @Test
    @DisplayName("test_timeouts.py::test_reschedule")
    void reschedule() {
        vrun(() -> {
            double deadline1 = loopTime() + 10;
            double deadline2 = deadline1 + 20;
            AtomicReference<Timeout> fut = new AtomicReference<>();
            Task<Void> f = createTask(() -> {
                Timeout cm = timeoutAt(deadline1);
                return cm.run(() -> {
                    fut.set(cm);
                    sleep(s(50));
                    return null;
                });
            });
            sleep(ms(0)); // CPython: cm = await fut
            Timeout cm = fut.get();
            assertEquals(deadline1, cm.when());
            cm.reschedule(deadline2);
            assertEquals(deadline2, cm.when());
            cm.reschedule(Double.POSITIVE_INFINITY);
            assertEquals(Double.POSITIVE_INFINITY, cm.when());
            f.cancel();
            assertThrows(CancellationException.class, f::await);
            assertFalse(cm.expired());
            return null;
        });
    }

    @Test
    @DisplayName("test_timeouts.py::test_repr_active")
    void reprActive() {
        vrun(() -> {
            Timeout cm = timeout(s(10));
            cm.run(() -> {
                assertTrue(cm.toString().matches("<Timeout \\[active\\] when=\\d+\\.\\d*>"), cm.toString());
                return null;
            });
            return null;
        });
    }

    @Test
    @DisplayName("test_timeouts.py::test_repr_expired")
    void reprExpired() {
        vrun(() -> {
            Timeout cm = timeout(ms(10));
            assertThrows(AsyncTimeoutException.class, () -> cm.run(() -> {
                sleep(s(10));
                return null;
            }));
            assertEquals("<Timeout [expired]>", cm.toString());
            return null;
        });
    }

    @Test
    @DisplayName("test_timeouts.py::test_repr_finished")
    void reprFinished() {
        vrun(() -> {
            Timeout cm = timeout(s(10));
            cm.run(() -> {
                sleep(ms(0));
                return null;
            });
            assertEquals("<Timeout [finished]>", cm.toString());
            return null;
        });
    }

    @Test
    @DisplayName("test_timeouts.py::test_repr_disabled")
    void reprDisabled() {
        // differs on purpose: asyncio shows when=None; our "no deadline" is infinity, shown as never
        vrun(() -> {
            Timeout cm = timeoutAt(Double.POSITIVE_INFINITY);
            cm.run(() -> {
                assertEquals("<Timeout [active] when=never>", cm.toString());
                return null;
            });
            return null;
        });
    }

    @Test
    @DisplayName("test_timeouts.py::test_nested_timeout_in_finally")
    void nestedTimeoutInFinally() {
        vrun(() -> {
            assertThrows(AsyncTimeoutException.class, () -> timeout(ms(10), () -> {
                try {
                    sleep(s(1));
                } finally {
                    assertThrows(AsyncTimeoutException.class, () -> timeout(ms(10), () -> {
                        sleep(s(10));
                        return null;
                    }));
                }
                return null;
            }));
            return null;
        });
    }

    @Test
    @DisplayName("test_timeouts.py::test_timeout_after_cancellation")
    void timeoutAfterCancellation() {
        vrun(() -> {
            try {
                currentTask().cancel();
                sleep(s(1)); // work which will be cancelled
            } catch (CancellationException e) {
                // swallowed, as in the Python test
            } finally {
                assertThrows(AsyncTimeoutException.class, () -> timeout(ms(0), () -> {
                    sleep(s(1)); // some cleanup
                    return null;
                }));
            }
            return null;
        });
    }

    @Test
    @DisplayName("test_timeouts.py::test_cancel_in_timeout_after_cancellation")
    void cancelInTimeoutAfterCancellation() {
        vrun(() -> {
            try {
                currentTask().cancel();
                sleep(s(1)); // work which will be cancelled
            } catch (CancellationException e) {
                // swallowed, as in the Python test
            } finally {
                assertThrows(CancellationException.class, () -> timeout(s(1), () -> {
                    currentTask().cancel();
                    sleep(s(2)); // some cleanup
                    return null;
                }));
            }
            return null;
        });
    }

    @Test
    @DisplayName("test_timeouts.py::test_timeout_exception_cause")
    void timeoutExceptionCause() {
        vrun(() -> {
            AsyncTimeoutException e = assertThrows(AsyncTimeoutException.class, () -> timeout(ms(0), () -> {
                sleep(s(1));
                return null;
            }));
            assertInstanceOf(CancellationException.class, e.getCause());
            return null;
        });
    }

    @Test
    @DisplayName("test_timeouts.py::test_timeout_already_entered")
    void timeoutAlreadyEntered() {
        vrun(() -> {
            Timeout cm = timeout(ms(10));
            cm.run(() -> {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> cm.run(() -> null));
                assertTrue(e.getMessage().contains("has already been entered"), e.getMessage());
                return null;
            });
            return null;
        });
    }

    @Test
    @DisplayName("test_timeouts.py::test_timeout_double_enter")
    void timeoutDoubleEnter() {
        vrun(() -> {
            Timeout cm = timeout(ms(10));
            cm.run(() -> null);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> cm.run(() -> null));
            assertTrue(e.getMessage().contains("has already been entered"), e.getMessage());
            return null;
        });
    }

    @Test
    @DisplayName("test_timeouts.py::test_timeout_finished")
    void timeoutFinished() {
        vrun(() -> {
            Timeout cm = timeout(ms(10));
            cm.run(() -> null);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> cm.reschedule(0.02));
            assertTrue(e.getMessage().contains("finished"), e.getMessage());
            return null;
        });
    }

    @Test
    @DisplayName("test_timeouts.py::test_timeout_expired")
    void timeoutExpired() {
        vrun(() -> {
            Timeout cm = timeout(ms(10));
            assertThrows(AsyncTimeoutException.class, () -> cm.run(() -> {
                sleep(s(1));
                return null;
            }));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> cm.reschedule(0.02));
            assertTrue(e.getMessage().contains("expired"), e.getMessage());
            return null;
        });
    }

    @Test
    @DisplayName("test_timeouts.py::test_timeout_expiring")
    void timeoutExpiring() {
        vrun(() -> {
            Timeout cm = timeout(ms(10));
            cm.run(() -> {
                assertThrows(CancellationException.class, () -> sleep(s(1)));
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> cm.reschedule(0.02));
                assertTrue(e.getMessage().contains("expiring"), e.getMessage());
                return null;
            });
            assertTrue(cm.expired());
            assertEquals(0, currentTask().cancelling(), "leaving the block took its cancellation back");
            return null;
        });
    }

    @Test
    @DisplayName("test_timeouts.py::test_timeout_not_entered")
    void timeoutNotEntered() {
        vrun(() -> {
            Timeout cm = timeout(ms(10));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> cm.reschedule(0.02));
            assertTrue(e.getMessage().contains("has not been entered"), e.getMessage());
            return null;
        });
    }

    @Test
    @DisplayName("test_timeouts.py::test_timeout_without_task")
    void timeoutWithoutTask() {
        // CPython awaits __aenter__ outside any task; the nearest here is a plain loop callback
        vrun(() -> {
            Timeout cm = timeout(ms(10));
            AtomicReference<Throwable> seen = new AtomicReference<>();
            getRunningLoop().callSoon(() -> seen.set(assertThrows(IllegalStateException.class, () -> cm.run(() -> null))));
            sleep(ms(0));
            assertTrue(seen.get().getMessage().contains("task"), seen.get().getMessage());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> cm.reschedule(0.02));
            assertTrue(e.getMessage().contains("has not been entered"), e.getMessage());
            return null;
        });
    }
}
