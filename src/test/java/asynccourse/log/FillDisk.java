package asynccourse.log;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The child process of {@link TmpfsFullDiskTest}: logs 10,000 lines into {@code <dir>/app.log}
 * on a small tmpfs and prints what happened as {@code key=value} lines.
 */
final class FillDisk {
    private FillDisk() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]).resolve("app.log");
        List<String> reports = new CopyOnWriteArrayList<>();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            lines.add(String.format("line %05d of the tmpfs test", i));
        }
        LogStats s;
        try (FireAndForgetLogger log = FireAndForgetLogger.to(file).capacity(20_000).onFault(reports::add).open()) {
            lines.forEach(log::log);
            s = log.close(Duration.ofSeconds(10));
        }
        List<String> onDisk = Files.readAllLines(file);
        System.out.println("accepted=" + s.accepted());
        System.out.println("written=" + s.written());
        System.out.println("dropped=" + s.dropped());
        System.out.println("onDisk=" + onDisk.size());
        System.out.println("bytes=" + Files.size(file));
        System.out.println("prefix=" + onDisk.equals(lines.subList(0, onDisk.size())));
        System.out.println("reports=" + reports.size());
        System.out.println("report=" + (reports.isEmpty() ? "" : reports.get(0)));
    }
}
