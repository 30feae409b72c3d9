String outcome(String url) {
    try {
        strict.download(url);
        return "ok";
    } catch (DownloadException e) {
        return e.reason().words();
    }
}
