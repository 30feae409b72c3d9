//// did not compile: a missing semicolon
long blockedMillis = 600
String whyBlocked = "B";
//// not yet: the time right, the reason not given
long blockedMillis = 600;
String whyBlocked = "";
//// not yet: the waits taken to overlap
long blockedMillis = 200;
String whyBlocked = "B";
