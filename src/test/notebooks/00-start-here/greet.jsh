Duration myDelay = Duration.ofMillis(300);
String myGreeting = "hello, learner";
