//// did not compile: the letters without quotes
char barsPrediction = B;
char barsReason = B;
//// not yet: the bars thought to overlap
char barsPrediction = 'A';
char barsReason = 'A';
//// not yet: the picture right, the reason not chosen
char barsPrediction = 'B';
char barsReason = '?';
