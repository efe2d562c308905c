package io.wharf.console.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Serves a Gogo session per connection on {@code <exec-root>/console.sock}, readable and writable by root only.
 * Each line a client sends is one command; its result, or {@code error: <message>}, comes back followed by a
 * blank line, so that a client relaying a script can tell where one answer ends.
 */
@Component(configurationPid = ConsoleServer.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
public final class ConsoleServer {
    /** This component's configuration; the launcher fills it from daemon.json and the command line. */
    public static final String PID = "io.wharf.console";

    private static final System.Logger LOG = System.getLogger(ConsoleServer.class.getName());
    static final String SOCKET = "console.sock";

    public @interface Config {
        String exec_root() default "/run/wharf";
    }

    private final CommandProcessor processor;
    private final Path socket;
    private final ServerSocketChannel server;
    private final ExecutorService sessions = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "console");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public ConsoleServer(@Reference CommandProcessor processor, Config config) throws IOException {
        this.processor = processor;
        this.socket = Path.of(config.exec_root()).resolve(SOCKET);
        this.server = bindRootOnly(socket);
        sessions.execute(this::accept);
        LOG.log(Level.INFO, "operator console listening on {0}", socket);
    }

    /**
     * Binds in a private directory and moves the socket into place once it is 0600, so that there is no moment
     * at which another user could connect.
     */
    private static ServerSocketChannel bindRootOnly(Path socket) throws IOException {
        Files.deleteIfExists(socket);
        Path staging = Files.createTempDirectory(socket.getParent(), ".console",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path staged = staging.resolve(SOCKET);
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.bind(UnixDomainSocketAddress.of(staged));
            Files.setPosixFilePermissions(staged, PosixFilePermissions.fromString("rw-------"));
            Files.move(staged, socket, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            channel.close();
            throw e;
        } finally {
            Files.deleteIfExists(staged);
            Files.deleteIfExists(staging);
        }
        return channel;
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                sessions.execute(() -> serve(client));
            } catch (IOException e) {
                if (server.isOpen()) {
                    LOG.log(Level.WARNING, "console: accept failed: " + e.getMessage());
                }
            }
        }
    }

    private void serve(SocketChannel client) {
        try (client;
                BufferedReader in = new BufferedReader(
                        new InputStreamReader(Channels.newInputStream(client), StandardCharsets.UTF_8));
                OutputStream raw = Channels.newOutputStream(client);
                PrintStream out = new PrintStream(raw, true, StandardCharsets.UTF_8);
                CommandSession session = processor.createSession(Channels.newInputStream(client), out, out)) {
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.strip();
                if (command.isEmpty()) {
                    continue;
                }
                if (command.equals("exit") || command.equals("quit")) {
                    break;
                }
                out.print(run(session, command));
                out.println();
                out.flush();
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "console session ended: " + e.getMessage());
        }
    }

    private static String run(CommandSession session, String command) {
        try {
            Object result = session.execute(command);
            if (result == null) {
                return "";
            }
            String text = result instanceof CharSequence s ? s.toString()
                    : String.valueOf(session.format(result, Converter.INSPECT));
            return text.endsWith("\n") ? text : text + "\n";
        } catch (Exception e) {
            Throwable cause = e.getCause() != null && e.getMessage() == null ? e.getCause() : e;
            return "error: " + cause.getMessage() + "\n";
        }
    }

    @Deactivate
    void close() throws IOException {
        server.close();
        sessions.shutdownNow();
        Files.deleteIfExists(socket);
    }
}
