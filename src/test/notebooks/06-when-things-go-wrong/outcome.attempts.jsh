//// did not compile: the status read from a variable that is out of scope
String outcome(String url) {
    try {
        strict.download(url);
    } catch (DownloadException e) {
        return "failed";
    }
    return e == null ? "ok" : "HTTP " + e.status();
}
//// not yet: every failure reported as an HTTP status
String outcome(String url) {
    try {
        strict.download(url);
        return "ok";
    } catch (DownloadException e) {
        return "HTTP " + e.status();
    }
}
