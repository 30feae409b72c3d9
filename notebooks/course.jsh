// The shared set-up of every notebook in this course, loaded by each notebook's first cell:
//     %classpath ../target/async-course.jar
//     %load course.jsh
// It checks the Java version and the helper library first, so a wrong kernel or a missing
// build fails here with a message that says what to do, not later with "package does not exist".

if (Runtime.version().feature() < 25) throw new IllegalStateException(
    "This course needs Java 25 or newer (virtual threads that do not pin their carrier inside synchronized),"
    + " but this kernel runs Java " + Runtime.version()
    + ". Run ./course setup in the course folder: it installs a kernel named 'java' that uses a JDK 25+."
    + " Then choose Kernel > Change Kernel... > 'Java NN (async course)' and run this cell again.");

if (!java.nio.file.Files.isRegularFile(java.nio.file.Path.of("../target/async-course.jar"))) throw new IllegalStateException(
    "The course's helper library was not found at ../target/async-course.jar (looked from "
    + java.nio.file.Path.of("").toAbsolutePath() + "). Run ./course setup in the course folder,"
    + " then Kernel > Restart Kernel and run this cell again.");

import java.time.*;
import java.util.*;
import java.util.concurrent.*;
import asynccourse.Version;
import asynccourse.loop.*;
import static asynccourse.loop.Asyncio.*;
import asynccourse.trace.*;
import asynccourse.examples.*;
import static asynccourse.examples.SayAfter.sayAfter;
import asynccourse.notebook.Check;
// asynccourse.loop's Queue and Semaphore, not java.util's (the star imports above name both)
import asynccourse.loop.Queue;
import asynccourse.loop.Semaphore;
import asynccourse.net.*;
import java.nio.file.*;
import asynccourse.log.*;
import asynccourse.books.*;
import asynccourse.everyday.*;
import asynccourse.parallel.*;

/** Draws a timeline inline (SVG). */
void show(Timeline timeline) { display(timeline.svg(), "image/svg+xml"); }

/** Seconds with millisecond precision, for printing durations. */
String secs(Duration d) { return Seconds.format(d) + " s"; }

/** A loop on the virtual clock (instant, exact times); its warnings print with ⚠ in the cell's output, not on stderr. */
EventLoop.Builder virtualLoop() { return EventLoop.builder().virtualClock().warnings(msg -> System.out.println("⚠ " + msg)); }

/** Prints "what at HH:mm:ss" (the wall-clock time, as the article's demos print it) and returns that time. */
LocalTime printTime(String what) {
    LocalTime now = LocalTime.now();
    System.out.println(what + " at " + now.format(java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")));
    return now;
}

/** Draws a speed-up chart inline (SVG). */
void show(SpeedUpChart chart) { display(chart.svg(), "image/svg+xml"); }

System.out.println("Java " + Runtime.version() + " · helper library " + Version.get() + " · ready");
