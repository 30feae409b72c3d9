double cancelLandsAt = 0.8;   // the timer can fire only after the 0.8 s of computing
char why = 'B';               // one thing at a time: the cancel lands at the next await
