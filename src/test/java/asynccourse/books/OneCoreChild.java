package asynccourse.books;

import java.time.Duration;

/** Child JVM of {@link OneCoreTest}, started with one carrier thread: prints what it saw. */
final class OneCoreChild {
    private OneCoreChild() {}

    public static void main(String[] args) {
        Books books = Books.of(6, 2);
        Reading r = books.threadsOnOneCore(2);
        System.out.println("same=" + r.digests().equals(java.util.List.of(books.read(1), books.read(2))));
        System.out.println("lanes=" + r.timeline().tasks());
        System.out.println("waits1=" + r.timeline().waits("thread 1 · book 1").size());
        System.out.println("waits2=" + r.timeline().waits("thread 2 · book 2").size());
        // turns: with one carrier the two readers never hash at the same time
        var a = r.timeline().spans("thread 1 · book 1").stream().filter(s -> s.kind() == asynccourse.trace.TraceEvent.Kind.RUNNING).toList();
        var b = r.timeline().spans("thread 2 · book 2").stream().filter(s -> s.kind() == asynccourse.trace.TraceEvent.Kind.RUNNING).toList();
        boolean overlap = false;
        for (var x : a) {
            for (var y : b) {
                overlap |= x.start().compareTo(y.end()) < 0 && y.start().compareTo(x.end()) < 0;
            }
        }
        System.out.println("overlap=" + overlap);
        Reading o = books.overlapSlowRead(Duration.ofMillis(50));
        System.out.println("overlapLanes=" + o.timeline().tasks());
        System.out.println("overlapAtLeastRead=" + (o.elapsed().toMillis() >= 50));
        System.out.println("quiz=" + OneCoreQuiz.measured(books, 3).lines().findFirst().orElse(""));
    }
}
