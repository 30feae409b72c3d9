//// did not compile: a char where a String is wanted
String threeBooksOnOneCore = 'C';
//// not yet: three threads taken for three cores
String threeBooksOnOneCore = "A";
