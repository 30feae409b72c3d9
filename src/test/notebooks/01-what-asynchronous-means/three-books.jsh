String threeBooksOnOneCore = "C";
