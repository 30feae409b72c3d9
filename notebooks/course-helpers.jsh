// The imports and short helpers every notebook of this course uses. course.jsh loads this file once
// per kernel (a notebook's set-up cell runs course.jsh again, which then only checks the kernel):
// declaring these again would only cost time, seconds of compiling at each run of a set-up cell.

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
import asynccourse.notebook.Exercises;
// an interrupted cell ends at once; the next run() says how its run ended (idempotent)
asynccourse.notebook.KernelRuns.install();
// asynccourse.loop's Queue and Semaphore, not java.util's (the star imports above name both)
import asynccourse.loop.Queue;
import asynccourse.loop.Semaphore;
import asynccourse.net.*;
import java.nio.file.*;
import asynccourse.log.*;
import asynccourse.books.*;
import asynccourse.everyday.*;
import asynccourse.parallel.*;
import asynccourse.stepper.*;
import asynccourse.twin.*;

/** Draws a timeline inline (SVG). */
void show(Timeline timeline) { display(timeline.svg(), "image/svg+xml"); }

/** A loop stepper for main (chapter 02): this cell draws the loop before its first step; each stepper.step() redraws that picture in place. */
LoopStepper lastStepper;
LoopStepper stepper(Coroutine<?> main) {
    if (lastStepper != null) lastStepper.close();   // one left half-way runs to its end, undrawn
    LoopStepper s = LoopStepper.start(main);
    String id = display(s.html(), "text/html");
    return lastStepper = s.onChange(html -> updateDisplay(id, html, "text/html"));
}

/** Draws every step of a stepper so far, one card per loop iteration (a film strip). */
void filmStrip(LoopStepper stepper) { display(stepper.filmStrip(), "text/html"); }

/** A live Python twin: runs the asyncio program (it defines async def main()) and the Java main, both on virtual clocks, and shows both traces with a verdict. */
TwinResult twin(String python, Coroutine<?> java) {
    TwinResult r = LiveTwin.compare(python, java);
    display(r.html(), "text/html");
    return r;
}

/** Seconds with millisecond precision, for printing durations. */
String secs(Duration d) { return asynccourse.notebook.Exercises.secs(d); }

/** A loop on the virtual clock (instant, exact times); its warnings print with ⚠ in the cell's output, not on stderr. */
EventLoop.Builder virtualLoop() { return asynccourse.notebook.Exercises.virtualLoop(); }

/** Prints "what at HH:mm:ss" (the wall-clock time, as the article's demos print it) and returns that time. */
LocalTime printTime(String what) {
    LocalTime now = LocalTime.now();
    System.out.println(what + " at " + now.format(java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")));
    return now;
}

/** Draws a speed-up chart inline (SVG). */
void show(SpeedUpChart chart) { display(chart.svg(), "image/svg+xml"); }

/** The first and last lines of an exercise cell: they let its check cell tell a cell that ran to its end from one that broke. */
void exerciseStart(int n) { asynccourse.notebook.Exercises.start("Exercise " + n); }
void exerciseEnd(int n) { asynccourse.notebook.Exercises.end("Exercise " + n); }

/** Runs an exercise's code, at most 10 s: the result, or null (the next verdict says what it threw, or that it did not finish). */
<T> T attempt(Callable<T> code) { return Exercises.attempt(code); }
// Check cells call Exercises.attempt(...), Exercises.virtualLoop() and Exercises.secs(...), not this file's helpers:
// a check cell is a method, and JShell recompiles each method that uses a helper whenever the helper is declared
// again (by a learner, or by loading this file by hand).
