String whyThatLong = "B";
