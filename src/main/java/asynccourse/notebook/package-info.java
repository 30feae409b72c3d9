/**
 * What the notebooks need beside the library: {@link asynccourse.notebook.Check}, the checks
 * with which every notebook asserts its own claims and tells a learner whether an exercise is
 * right; and {@link asynccourse.notebook.KernelRuns}, the kernel's listener to the event loop's
 * runs, which reports in the next cell how a run ended whose cell was interrupted (the event loop
 * itself knows nothing of notebooks: it only tells a {@link asynccourse.loop.RunListener}).
 */
package asynccourse.notebook;
