package asynccourse.loop;

import java.util.ArrayList;
import java.util.function.Predicate;

/**
 * The done callbacks of a {@link Task} or a {@link LoopFuture} (asyncio's {@code _callbacks}):
 * ready items (callbacks, awaiting tasks' steps) scheduled in the order they were added when
 * the owner is done. Kept in one field of the owner as null, one {@link Handle}, or an
 * {@code ArrayList} of them, because most owners have none or one and a list per task would cost
 * memory; these static helpers take that field's value and return its new one.
 *
 * <p>Threading: loop-confined, like the owner. Nulls: the field's value may be null; handles
 * must not be.
 */
final class DoneCallbacks {
    private DoneCallbacks() {}

    /** Returns the field's value with {@code h} added last. */
    static Object add(Object cbs, Handle h) {
        if (cbs == null) {
            return h;
        }
        if (cbs instanceof Handle first) {
            ArrayList<Handle> list = new ArrayList<>(4);
            list.add(first);
            list.add(h);
            return list;
        }
        list(cbs).add(h);
        return cbs;
    }

    /** Returns the field's value without the items {@code which} accepts (asyncio's {@code remove_done_callback}). */
    static Object remove(Object cbs, Predicate<Handle> which) {
        if (cbs instanceof Handle h) {
            return which.test(h) ? null : h;
        }
        if (cbs != null) {
            list(cbs).removeIf(which);
        }
        return cbs;
    }

    /** How many items the field's value holds. */
    static int size(Object cbs) {
        return cbs == null ? 0 : cbs instanceof Handle ? 1 : list(cbs).size();
    }

    /** Schedules every item of the field's value on {@code loop}, in order. */
    static void scheduleAll(Object cbs, EventLoop loop) {
        if (cbs instanceof Handle h) {
            loop.schedule(h);
        } else if (cbs != null) {
            for (Handle h : list(cbs)) {
                loop.schedule(h);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static ArrayList<Handle> list(Object cbs) {
        return (ArrayList<Handle>) cbs;
    }
}
