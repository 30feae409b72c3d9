//// did not compile: a number of milliseconds where a Duration is wanted
Duration myTimeout = 1500;
//// not yet: long enough for all three jobs
Duration myTimeout = Duration.ofSeconds(3);
//// not yet: exactly as long as the second job, which then times out
Duration myTimeout = Duration.ofSeconds(1);
