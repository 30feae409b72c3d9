char whenItFires = 'B';
char becauseOf = 'B';
