//// did not compile: the letter without quotes
String whyThatLong = B;
//// not yet: the loop blamed for waiting for one thing at a time
String whyThatLong = "A";
