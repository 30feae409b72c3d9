//// did not compile: the unit typed after the number
long predictedMillis = 500ms;
//// not yet: the longer delay only, as if the two waits overlapped
long predictedMillis = 300;
