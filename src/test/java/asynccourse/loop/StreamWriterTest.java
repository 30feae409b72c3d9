package asynccourse.loop;

import static asynccourse.loop.Asyncio.openConnection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link StreamWriter#writeEof}: a TCP half-close, on loopback. */
class StreamWriterTest {

    @Test
    @Timeout(20)
    void writeEof_peerReadsTheEnd_andThisSideStillReadsTheAnswer() throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // the server reads until the end of the stream, which only a half-close (or a close) gives it
            CompletableFuture<String> served = CompletableFuture.supplyAsync(() -> {
                try (Socket s = ss.accept()) {
                    InputStream in = s.getInputStream();
                    String got = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    OutputStream out = s.getOutputStream();
                    out.write(("got " + got.length() + " bytes").getBytes(StandardCharsets.UTF_8));
                    return got;
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            }, r -> Thread.ofPlatform().daemon().start(r));
            String answer = Asyncio.run(() -> {
                Connection c = openConnection(InetAddress.getLoopbackAddress().getHostAddress(), ss.getLocalPort());
                c.writer().write("hello, server");
                c.writer().writeEof();
                assertThrows(IOException.class, () -> c.writer().write("too late"), "nothing can be sent after writeEof");
                String a = new String(c.reader().readUntilEof(), StandardCharsets.UTF_8);
                c.writer().close();
                c.writer().waitClosed();
                return a;
            });
            assertEquals("hello, server", served.get());
            assertEquals("got 13 bytes", answer);
        }
    }
}
