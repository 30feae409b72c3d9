//// did not compile: the unit typed after the number
double predictedAtLeast = 1.2 s;
//// not yet: one round only, as if all 60 were in flight at once
double predictedAtLeast = 0.2;
//// not yet: every page one after another
double predictedAtLeast = 12;
