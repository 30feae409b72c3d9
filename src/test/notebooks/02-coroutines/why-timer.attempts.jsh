//// did not compile: double quotes for a char
char whenItFires = "B";
char becauseOf = "B";
//// not yet: the timer thought to fire on time
char whenItFires = 'A';
char becauseOf = 'A';
//// not yet: the right moment, the wrong reason
char whenItFires = 'B';
char becauseOf = 'C';
