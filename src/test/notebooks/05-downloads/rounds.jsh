double predictedAtLeast = 1.2;   // 60 / 10 = 6 rounds of 0.2 s
