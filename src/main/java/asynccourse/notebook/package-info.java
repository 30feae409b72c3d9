/**
 * What the notebooks need beside the library: {@link asynccourse.notebook.Check}, the checks
 * with which every notebook asserts its own claims and tells a learner whether an exercise is
 * right.
 */
package asynccourse.notebook;
