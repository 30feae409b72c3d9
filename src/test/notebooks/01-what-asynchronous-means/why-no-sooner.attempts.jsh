//// did not compile: a missing closing quote
String whyNoSooner = "B;
//// not yet: switching blamed
String whyNoSooner = "A";
