package io.wharf.itests.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.itests.BusyboxImage;
import io.wharf.itests.WharfDaemon;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code GET /containers/{id}/attach/ws}: the WebSocket attach browser-based tools use, spoken by hand here. */
class AttachWebSocketIT {

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aWebSocketClientTalksToTheContainersStdio() throws Exception {
        try (WharfDaemon daemon = WharfDaemon.start()) {
            try {
                BusyboxImage.load(daemon, "busybox:latest");
                WharfDaemon.Result run = daemon.docker("run", "-d", "-i", "--name", "echoer", "busybox", "sh", "-c",
                        "while read l; do echo got:$l; done");
                assertEquals(0, run.exitCode(), run.all());

                String key = Base64.getEncoder().encodeToString("wharf-ws-test-key".getBytes(StandardCharsets.US_ASCII));
                try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(daemon.socket()))) {
                    String head = "GET /v1.47/containers/echoer/attach/ws?stream=1&stdin=1&stdout=1&stderr=1 HTTP/1.1\r\n"
                            + "Host: docker\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                            + "Sec-WebSocket-Key: " + key + "\r\n\r\n";
                    ch.write(ByteBuffer.wrap(head.getBytes(StandardCharsets.US_ASCII)));
                    InputStream in = Channels.newInputStream(ch);
                    String status = line(in);
                    assertTrue(status.startsWith("HTTP/1.1 101"), status);
                    String accept = null;
                    for (String l = line(in); !l.isEmpty(); l = line(in)) {
                        if (l.toLowerCase().startsWith("sec-websocket-accept:")) {
                            accept = l.substring(l.indexOf(':') + 1).trim();
                        }
                    }
                    byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(
                            (key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
                    assertEquals(Base64.getEncoder().encodeToString(sha1), accept);

                    ch.write(ByteBuffer.wrap(maskedText("hello\n")));
                    StringBuilder seen = new StringBuilder();
                    while (!seen.toString().contains("got:hello")) {
                        int b0 = in.read();
                        int len = in.read();
                        assertEquals(0x81, b0, "an unfragmented text frame");
                        assertTrue(len < 126, "short output, short frame");
                        seen.append(new String(in.readNBytes(len), StandardCharsets.UTF_8));
                    }
                    assertEquals("got:hello\n", seen.toString());
                }
                assertEquals("running", daemon.docker("inspect", "-f", "{{.State.Status}}", "echoer").stdout().strip(),
                        "a client leaving does not stop the container");
            } finally {
                daemon.docker("rm", "-f", "echoer");
            }
        }
    }

    private static byte[] maskedText(String text) {
        byte[] p = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = {0x5a, 0x13, 0x77, 0x21};
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(0x81);
        f.write(0x80 | p.length);
        f.writeBytes(mask);
        for (int i = 0; i < p.length; i++) {
            f.write(p[i] ^ mask[i & 3]);
        }
        return f.toByteArray();
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }
}
