//// did not compile: the policy without its type
WhenFull keepNewest = DROP_OLDEST;
//// not yet: the name read the wrong way round
WhenFull keepNewest = WhenFull.DROP_NEWEST;
