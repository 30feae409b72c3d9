char barsPrediction = 'B';
char barsReason = 'B';
