WhenFull keepNewest = WhenFull.DROP_OLDEST;
