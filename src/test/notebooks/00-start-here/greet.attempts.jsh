//// did not compile: milliseconds written as a plain number
Duration myDelay = 300;
String myGreeting = "hello, Ada";
//// not yet: the delay set, the greeting still empty
Duration myDelay = Duration.ofMillis(300);
String myGreeting = "";
//// not yet: the greeting without the comma
Duration myDelay = Duration.ofMillis(300);
String myGreeting = "hello Ada";
//// did not finish: seconds instead of milliseconds, so the greeting waits five minutes
Duration myDelay = Duration.ofSeconds(300);
String myGreeting = "hello, Ada";
