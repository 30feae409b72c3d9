package asynccourse.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real kernel file system that fills up: a 64 KiB tmpfs, mounted in a private mount
 * namespace ({@code unshare --user --map-root-user --mount}), so no root rights on the host
 * are needed and nothing outside the child process sees the mount. Where that is not permitted
 * (no {@code unshare}, user namespaces switched off, macOS), the test says so and is skipped.
 */
class TmpfsFullDiskTest {
    @TempDir
    Path dir;

    @Test
    void tmpfs64KiB_tenThousandLines_fileIsAPrefix_reportSaysHowMany() throws Exception {
        Assumptions.assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"),
                "tmpfs test not run: mounting a tmpfs needs Linux (this is " + System.getProperty("os.name") + ")");
        String java = ProcessHandle.current().info().command().orElse("java");
        Path mnt = Files.createDirectory(dir.resolve("mnt"));
        List<String> cmd = List.of("unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
                "mount -t tmpfs -o size=64k tmpfs \"$1\" || exit 77; exec \"$2\" -cp \"$3\" asynccourse.log.FillDisk \"$1\"",
                "sh", mnt.toString(), java, System.getProperty("java.class.path"));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            System.out.println("tmpfs test not run: cannot start unshare (" + e.getMessage() + ")");
            Assumptions.abort("tmpfs test not run: cannot start unshare (" + e.getMessage() + ")");
            return;
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child process did not finish in 60 s");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() == 77 || (p.exitValue() != 0 && out.startsWith("unshare:"))) {
            String why = "tmpfs test not run: mounting is not permitted here (exit " + p.exitValue() + "): " + out.strip();
            System.out.println(why);
            Assumptions.abort(why);
        }
        assertEquals(0, p.exitValue(), out);
        Map<String, String> r = new HashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                r.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        System.out.println("tmpfs 64 KiB: " + r);
        long written = Long.parseLong(r.get("written"));
        assertEquals("10000", r.get("accepted"), out);
        assertEquals(10_000, written + Long.parseLong(r.get("dropped")), out);
        assertEquals(String.valueOf(written), r.get("onDisk"), out);
        assertEquals("true", r.get("prefix"), out);
        assertEquals(written * 29, Long.parseLong(r.get("bytes")), "whole lines of 29 bytes only: " + out);
        assertTrue(written > 1000 && written <= 65_536 / 29, "64 KiB hold at most 2,259 of these lines: " + out);
        assertEquals("1", r.get("reports"), out);
        assertTrue(r.get("report").contains("after " + written + " lines"), out);
        assertTrue(r.get("report").contains("No space left on device"), out);
    }
}
