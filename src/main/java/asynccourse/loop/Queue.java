package asynccourse.loop;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * A queue for producer and consumer coroutines, asyncio's {@code Queue} (3.11): {@link #put}
 * waits while the queue is full, {@link #get} waits while it is empty, and
 * {@link #taskDone()}/{@link #join()} let a producer wait until every item put has been
 * processed. FIFO by default; {@link #lifo} and {@link #priority} give asyncio's
 * {@code LifoQueue} and {@code PriorityQueue}.
 *
 * <p>Invariants (as CPython 3.11.7's {@code queues.py}):
 * <ul>
 *   <li>{@code maxsize <= 0} means unbounded; otherwise {@code qsize() <= maxsize} after every
 *       operation.</li>
 *   <li>Each item added wakes the first getter still waiting, each item removed wakes the
 *       first putter still waiting; a woken task re-checks and waits again if another task
 *       got there first (it is woken, not handed the item).</li>
 *   <li>No lost item, no lost wake-up: a cancelled {@code get} takes no item (it stays in the
 *       queue), and a getter (putter) cancelled after it was woken passes the wake-up on to
 *       the next one while the queue is not empty (not full).</li>
 *   <li>Every item added raises the count of unfinished tasks by one, every {@code taskDone()}
 *       lowers it; {@code join()} returns when it is zero.</li>
 * </ul>
 * Since the loop runs one task at a time, {@link #qsize()}, {@link #empty()} and
 * {@link #full()} are exact, and nothing can change between a check and the next call.
 *
 * <p>Threading: not thread-safe; it belongs to one event loop (the loop of the first task that
 * waits on it) and is used from that loop's coroutines and callbacks; another thread hands an
 * item in with {@code loop.callSoonThreadsafe(() -> q.putNowait(item))}. The awaiting methods
 * ({@link #put}, {@link #get}, {@link #join}) must be called from a coroutine; the others may
 * also be called from callbacks. Cancellation: a task cancelled while it waits in {@code put}
 * or {@code get} gets {@link java.util.concurrent.CancellationException}; its item was not
 * added, or no item was taken. Nulls: items must not be null ({@code NullPointerException}).
 *
 * <pre>{@code
 * Queue<String> urls = new Queue<>(10);            // asyncio.Queue(maxsize=10)
 * Task<Void> worker = createTask(() -> {
 *     while (true) {
 *         String url = urls.get();                 // waits while empty
 *         try { download(url); } finally { urls.taskDone(); }
 *     }
 * });
 * for (String u : pages) urls.put(u);              // waits while 10 are queued
 * urls.join();                                     // until every url was processed
 * worker.cancel();
 * }</pre>
 *
 * @param <T> the item type
 */
public final class Queue<T> {
    private final int maxsize;
    private final java.util.Queue<T> items;
    private final String kind;
    private final ArrayDeque<LoopFuture> getters = new ArrayDeque<>();
    private final ArrayDeque<LoopFuture> putters = new ArrayDeque<>();
    private int unfinishedTasks;
    private final Event finished = new Event();
    private EventLoop loop;

    private Queue(int maxsize, java.util.Queue<T> items, String kind) {
        this.maxsize = maxsize;
        this.items = items;
        this.kind = kind;
        finished.set();
    }

    /**
     * Creates a FIFO queue holding at most {@code maxsize} items ({@code asyncio.Queue(maxsize)}).
     *
     * @param maxsize the capacity; 0 or less for no limit
     */
    public Queue(int maxsize) {
        this(maxsize, new ArrayDeque<>(), "Queue");
    }

    /**
     * Creates an unbounded FIFO queue ({@code asyncio.Queue()}).
     */
    public Queue() {
        this(0);
    }

    /**
     * Creates a last-in, first-out queue ({@code asyncio.LifoQueue(maxsize)}).
     *
     * @param maxsize the capacity; 0 or less for no limit
     * @param <T> the item type
     * @return the queue
     */
    public static <T> Queue<T> lifo(int maxsize) {
        return new Queue<>(maxsize, Collections.asLifoQueue(new ArrayDeque<>()), "LifoQueue");
    }

    /**
     * Creates a queue that gives out its smallest item first by {@code order}
     * ({@code asyncio.PriorityQueue(maxsize)}, where items are usually
     * {@code (priority, data)} tuples); items that compare equal come out in no set order.
     *
     * @param maxsize the capacity; 0 or less for no limit
     * @param order the order of the items
     * @param <T> the item type
     * @return the queue
     */
    public static <T> Queue<T> priority(int maxsize, Comparator<? super T> order) {
        Objects.requireNonNull(order, "order");
        return new Queue<>(maxsize, new PriorityQueue<>(order), "PriorityQueue");
    }

    /**
     * Returns the number of items in the queue.
     *
     * @return the count
     */
    public int qsize() {
        return items.size();
    }

    /**
     * Returns the capacity given at creation (0 or less: unbounded).
     *
     * @return the maximum size
     */
    public int maxsize() {
        return maxsize;
    }

    /**
     * Tells whether the queue holds no item.
     *
     * @return true if empty
     */
    public boolean empty() {
        return items.isEmpty();
    }

    /**
     * Tells whether the queue holds {@code maxsize} items; never true for an unbounded queue.
     *
     * @return true if full
     */
    public boolean full() {
        return maxsize > 0 && items.size() >= maxsize;
    }

    /**
     * Adds {@code item}, waiting first while the queue is full ({@code await q.put(item)}).
     *
     * @param item the item, not null
     * @throws java.util.concurrent.CancellationException if the calling task is cancelled while
     *     it waits; the item was not added
     * @throws IllegalStateException outside a coroutine, or in a loop other than the one the
     *     queue is bound to
     */
    public void put(T item) {
        Objects.requireNonNull(item, "item");
        Task<?> me = Task.current(kind + ".put()");
        while (full()) {
            loop = LoopFuture.bind(loop, me, this);
            LoopFuture putter = new LoopFuture(loop, kind + ".put");
            putters.add(putter);
            try {
                me.awaitFuture(putter, "queue put");
            } catch (RuntimeException | Error e) {
                putter.cancelByAwaiter();
                putters.remove(putter); // may be gone already: getNowait removes whom it wakes
                if (!full() && !putter.isCancelled()) {
                    // woken by getNowait, but cancelled before it could use the slot
                    wakeUpNext(putters);
                }
                throw e;
            }
        }
        putNowait(item);
    }

    /**
     * Adds {@code item} if there is room, without waiting ({@code q.put_nowait(item)}).
     *
     * @param item the item, not null
     * @throws QueueFullException if the queue is full
     * @throws IllegalStateException from a thread that is not running the queue's loop
     */
    public void putNowait(T item) {
        Objects.requireNonNull(item, "item");
        checkOwner(".putNowait");
        if (full()) {
            throw new QueueFullException(kind + " is full (maxsize " + maxsize
                    + "): use put(item), which waits for room, or check full() first");
        }
        items.add(item);
        unfinishedTasks++;
        finished.clear();
        wakeUpNext(getters);
    }

    /**
     * Removes and returns the next item, waiting first while the queue is empty
     * ({@code await q.get()}).
     *
     * @return the item
     * @throws java.util.concurrent.CancellationException if the calling task is cancelled while
     *     it waits; no item was taken
     * @throws IllegalStateException outside a coroutine, or in a loop other than the one the
     *     queue is bound to
     */
    public T get() {
        Task<?> me = Task.current(kind + ".get()");
        while (empty()) {
            loop = LoopFuture.bind(loop, me, this);
            LoopFuture getter = new LoopFuture(loop, kind + ".get");
            getters.add(getter);
            try {
                me.awaitFuture(getter, "queue get");
            } catch (RuntimeException | Error e) {
                getter.cancelByAwaiter();
                getters.remove(getter); // may be gone already: putNowait removes whom it wakes
                if (!empty() && !getter.isCancelled()) {
                    // woken by putNowait, but cancelled before it took the item: wake the next
                    wakeUpNext(getters);
                }
                throw e;
            }
        }
        return getNowait();
    }

    /**
     * Removes and returns the next item if there is one, without waiting
     * ({@code q.get_nowait()}).
     *
     * @return the item
     * @throws QueueEmptyException if the queue is empty
     * @throws IllegalStateException from a thread that is not running the queue's loop
     */
    public T getNowait() {
        checkOwner(".getNowait");
        if (items.isEmpty()) {
            throw new QueueEmptyException(kind + " is empty: use get(), which waits for an item, "
                    + "or check empty() first");
        }
        T item = items.poll();
        wakeUpNext(putters);
        return item;
    }

    /**
     * Tells the queue that the processing of an item taken with {@code get} is complete
     * ({@code q.task_done()}); when every item put has been processed, {@link #join()} returns.
     *
     * @throws IllegalStateException if called more times than items were put (asyncio raises
     *     {@code ValueError})
     */
    public void taskDone() {
        checkOwner(".taskDone");
        if (unfinishedTasks <= 0) {
            throw new IllegalStateException("taskDone() called too many times: call it once per item "
                    + "taken with get(), after processing it");
        }
        unfinishedTasks--;
        if (unfinishedTasks == 0) {
            finished.set();
        }
    }

    /**
     * Waits until every item put into the queue has been taken and processed, i.e. until
     * {@link #taskDone()} has been called once per item ({@code await q.join()}); returns at
     * once if no task is unfinished.
     *
     * @throws java.util.concurrent.CancellationException if the calling task is cancelled while
     *     it waits
     * @throws IllegalStateException outside a coroutine
     */
    public void join() {
        Task.current(kind + ".join()");
        if (unfinishedTasks > 0) {
            finished.await();
        }
    }

    private static void wakeUpNext(ArrayDeque<LoopFuture> waiters) {
        LoopFuture w;
        while ((w = waiters.pollFirst()) != null) {
            if (!w.isDone()) {
                w.setResult(null);
                break;
            }
        }
    }

    private void checkOwner(String what) {
        EventLoop l = loop;
        if (l != null) {
            l.checkOwner(kind + what);
        }
    }

    /**
     * Describes the queue as asyncio's {@code str()} does:
     * {@code <Queue maxsize=0 _queue=[1, 2] _getters[1] tasks=2>}; the items of a FIFO queue
     * are listed oldest first, as asyncio does, those of a LIFO queue newest first (asyncio:
     * oldest first), those of a priority queue in heap order (as asyncio).
     *
     * @return the description
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<").append(kind).append(" maxsize=").append(maxsize);
        if (!items.isEmpty()) {
            sb.append(" _queue=").append(new ArrayList<>(items));
        }
        if (!getters.isEmpty()) {
            sb.append(" _getters[").append(getters.size()).append(']');
        }
        if (!putters.isEmpty()) {
            sb.append(" _putters[").append(putters.size()).append(']');
        }
        if (unfinishedTasks > 0) {
            sb.append(" tasks=").append(unfinishedTasks);
        }
        return sb.append('>').toString();
    }
}
