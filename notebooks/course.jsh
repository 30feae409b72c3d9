// The shared set-up of every notebook in this course. The course kernel loads it by itself before
// the first cell it runs (JJAVA_STARTUP_SCRIPTS_PATH in its kernel.json), so a restarted kernel is
// ready at once; each notebook's first cell loads it again, which is harmless and quick:
//     %classpath ../target/async-course.jar
//     %load course.jsh
// It checks the Java version and the helper library first, so a wrong kernel or a missing
// build fails here with a message that says what to do, not later with "package does not exist".
// Then it loads the imports and helpers (course-helpers.jsh, beside this file) once per kernel.

if (Runtime.version().feature() < 25) throw new IllegalStateException(
    "This course needs Java 25 or newer (coroutines that can wait inside synchronized, on continuations or virtual threads),"
    + " but this kernel runs Java " + Runtime.version()
    + ". Run ./course setup in the course folder: it installs a kernel named 'java' that uses a JDK 25+."
    + " Then choose Kernel > Change Kernel... > 'Java NN (async course)' and run this cell again.");

// Looked up on the classpath, not as a file: the kernel also runs this script for notebooks in other folders.
try { Class.forName("asynccourse.Version"); } catch (ClassNotFoundException e) { throw new IllegalStateException(
    "The course's helper library is not on the classpath (it should be target/async-course.jar in the course folder)."
    + " Run ./course setup in the course folder, then Kernel > Restart Kernel and run this cell again."); }

// Once per kernel: at the kernel's start, or at the set-up cell in a kernel that did not run this file at start.
// Beside this file: the startup script's folder, or for the set-up cell the notebook's folder (the kernel's).
if (System.getProperty("asynccourse.helpers.loaded") == null) {
    String startup = String.valueOf(System.getenv("JJAVA_STARTUP_SCRIPTS_PATH"));
    java.nio.file.Path dir = startup.endsWith("course.jsh") ? java.nio.file.Path.of(startup).toAbsolutePath().getParent()
            : java.nio.file.Path.of("").toAbsolutePath();
    java.nio.file.Path helpers = dir.resolve("course-helpers.jsh");
    if (!java.nio.file.Files.isReadable(helpers)) throw new IllegalStateException("Cannot read " + helpers
        + ": open the notebooks from the course's notebooks folder, or run ./course setup in the course folder"
        + " and choose the kernel 'Java NN (async course)'.");
    lineMagic("load", java.util.List.of(helpers.toString()));
    System.setProperty("asynccourse.helpers.loaded", "yes");
}

// Quiet when the course kernel loads this at start (the first load in this JVM); the set-up cell says "ready".
if (System.setProperty("asynccourse.setup.loaded", "yes") != null
        || !String.valueOf(System.getenv("JJAVA_STARTUP_SCRIPTS_PATH")).contains("course.jsh"))
    System.out.println("Java " + Runtime.version() + " · helper library " + asynccourse.Version.get() + " · ready");
