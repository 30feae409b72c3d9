String whyNoSooner = "B";
