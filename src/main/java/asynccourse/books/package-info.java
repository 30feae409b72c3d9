/**
 * The books analogy of chapter 01, measured: a core "reads" a book by hashing its pages
 * (work for the CPU only). One reader reads the books one after another; two threads on one
 * core take turns, page by page; two cores read side by side; one core overlaps its reading
 * with a slow disk read. See {@link asynccourse.books.Books}.
 */
package asynccourse.books;
