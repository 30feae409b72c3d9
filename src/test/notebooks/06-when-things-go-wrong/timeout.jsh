Duration myTimeout = Duration.ofMillis(1500);
