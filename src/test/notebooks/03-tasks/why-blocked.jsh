long blockedMillis = 600;
String whyBlocked = "B";
