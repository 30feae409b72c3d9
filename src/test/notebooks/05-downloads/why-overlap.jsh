double eightPagesSeconds = 0.5;   // the eight waits overlap: about one page's time
char why = 'B';                   // while a task awaits its page, the loop runs the others
