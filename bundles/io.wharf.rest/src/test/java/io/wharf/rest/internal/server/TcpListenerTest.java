package io.wharf.rest.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.rest.internal.router.system.SystemRouter;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class TcpListenerTest {
    @TempDir
    Path dir;

    @Test
    void plainTcpIsRefusedOffLoopback() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> new ApiServer(plain("tcp://0.0.0.0:0", true)));
        assertTrue(e.getMessage().contains("without TLS"), e.getMessage());
        assertThrows(InvalidArgumentException.class, () -> new ApiServer(plain("tcp://:0", true)));
    }

    @Test
    void plainTcpOnLoopbackNeedsInsecureTcp() throws Exception {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> new ApiServer(plain("tcp://127.0.0.1:0", false)));
        assertTrue(e.getMessage().contains("insecure.tcp"), e.getMessage());

        ApiServer server = new ApiServer(plain("tcp://127.0.0.1:0", true));
        try {
            server.bindRouter(new SystemRouter(new Fakes.System()));
            int port = server.tcpPorts().get(0);
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                s.setSoTimeout(10_000);
                RawHttp c = new RawHttp(s, s.getInputStream(), s.getOutputStream());
                assertEquals("OK", c.get("/_ping").text());
            }
        } finally {
            server.stop();
        }
    }

    @Test
    void fdSocketsAreRefused() {
        assertThrows(InvalidArgumentException.class, () -> new ApiServer(plain("fd://", false)));
    }

    @Test
    void tlsWithClientCertificatesOnLoopback() throws Exception {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca-key.pem", "-out", "ca.pem",
                "-days", "2", "-subj", "/CN=wharf test CA");
        // the server key in PKCS#1 form, the client key as an EC key in SEC1 form: both must load
        openssl("genrsa", "-traditional", "-out", "server-key.pem", "2048");
        openssl("req", "-new", "-key", "server-key.pem", "-out", "server.csr", "-subj", "/CN=localhost");
        java.nio.file.Files.writeString(dir.resolve("server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem", "-CAcreateserial",
                "-out", "server.pem", "-days", "2", "-extfile", "server.ext");
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "client-key.pem");
        openssl("req", "-new", "-key", "client-key.pem", "-out", "client.csr", "-subj", "/CN=client");
        java.nio.file.Files.writeString(dir.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
        openssl("x509", "-req", "-in", "client.csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem", "-CAcreateserial",
                "-out", "client.pem", "-days", "2", "-extfile", "client.ext");
        // a client certificate from another CA must be refused
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "rogue-key.pem", "-out", "rogue.pem",
                "-days", "2", "-subj", "/CN=rogue");

        ServerSettings settings = new ServerSettings(List.of("tcp://127.0.0.1:0"), "docker", true, true,
                dir.resolve("ca.pem"), dir.resolve("server.pem"), dir.resolve("server-key.pem"), false, false,
                1024);
        ApiServer server = new ApiServer(settings);
        try {
            server.bindRouter(new SystemRouter(new Fakes.System()));
            int port = server.tcpPorts().get(0);
            try (SSLSocket s = connect(port, "client.pem", "client-key.pem")) {
                RawHttp c = new RawHttp(s, s.getInputStream(), s.getOutputStream());
                RawHttp.Response r = c.get("/v1.47/_ping");
                assertEquals(200, r.status(), r.text());
                assertEquals("OK", r.text());
            }
            assertThrows(IOException.class, () -> {
                try (SSLSocket s = connect(port, "rogue.pem", "rogue-key.pem")) {
                    RawHttp c = new RawHttp(s, s.getInputStream(), s.getOutputStream());
                    c.get("/_ping");
                }
            });
            assertThrows(IOException.class, () -> {
                try (SSLSocket s = connect(port, null, null)) {
                    RawHttp c = new RawHttp(s, s.getInputStream(), s.getOutputStream());
                    c.get("/_ping");
                }
            });
        } finally {
            server.stop();
        }
    }

    @Test
    void tlsVerifyWithoutCaIsRefused() {
        ServerSettings settings = new ServerSettings(List.of("tcp://127.0.0.1:0"), "docker", true, true, null,
                dir.resolve("server.pem"), dir.resolve("server-key.pem"), false, false, 1024);
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> new ApiServer(settings));
        assertTrue(e.getMessage().contains("tlscacert"), e.getMessage());
    }

    private SSLSocket connect(int port, String cert, String key) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(PemKeyStore.trust(dir.resolve("ca.pem")));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        if (cert != null) {
            kmf.init(PemKeyStore.identity(dir.resolve(cert), dir.resolve(key)), PemKeyStore.PASSWORD);
        } else {
            KeyStore empty = KeyStore.getInstance("PKCS12");
            empty.load(null, null);
            kmf.init(empty, PemKeyStore.PASSWORD);
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port);
        s.setSoTimeout(10_000);
        try {
            s.startHandshake();
        } catch (SSLException e) {
            s.close();
            throw e;
        }
        return s;
    }

    private ServerSettings plain(String host, boolean insecureTcp) {
        return new ServerSettings(List.of(host), "docker", false, false, null, null, null, insecureTcp, false,
                1024);
    }

    private void openssl(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add("openssl");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "openssl timed out");
        assertEquals(0, p.exitValue(), out);
    }
}
