package asynccourse.examples;

import static asynccourse.loop.TestLoops.vrun;
import static org.junit.jupiter.api.Assertions.assertEquals;

import asynccourse.loop.Asyncio;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SayAfterTest {

    @Test
    void sayAfter_printsAfterTheDelay() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        String r = vrun(() -> {
            String w = SayAfter.sayAfter(Duration.ofSeconds(1), "hello", out);
            assertEquals(1.0, Asyncio.loopTime());
            return w;
        });
        assertEquals("hello", r);
        assertEquals("hello" + System.lineSeparator(), buf.toString(StandardCharsets.UTF_8));
    }

    @Test
    void sayAfter_defaultPrintsToSystemOut() {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            vrun(() -> SayAfter.sayAfter(Duration.ZERO, "world"));
        } finally {
            System.setOut(old);
        }
        assertEquals("world" + System.lineSeparator(), buf.toString(StandardCharsets.UTF_8));
    }
}
