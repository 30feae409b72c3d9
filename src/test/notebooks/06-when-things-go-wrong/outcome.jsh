String outcome(String url) {
    try {
        strict.download(url);
        return "ok";
    } catch (DownloadException e) {
        return e.reason() == DownloadException.Reason.HTTP_STATUS ? "HTTP " + e.status() : e.reason().words();
    }
}
