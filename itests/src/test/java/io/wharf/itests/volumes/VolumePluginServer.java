package io.wharf.itests.volumes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Docker volume plugin run by the test: HTTP/1.1 on a Unix socket, volumes as directories under a root. Errors
 * are answered the plugin way, status 500 and {@code {"Err": "..."}}.
 */
final class VolumePluginServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServerSocketChannel server;
    private final Path socket;
    private final Path root;
    private final Thread thread;
    final Map<String, Map<String, String>> volumes = new ConcurrentHashMap<>();
    final List<String> calls = new CopyOnWriteArrayList<>();

    VolumePluginServer(Path socket, Path root) throws IOException {
        this.socket = socket;
        this.root = Files.createDirectories(root);
        Files.createDirectories(socket.getParent());
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        thread = new Thread(this::serve, "e2e-volume-plugin");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws Exception {
        server.close();
        thread.join(5000);
        Files.deleteIfExists(socket);
    }

    private void serve() {
        while (server.isOpen()) {
            try (SocketChannel ch = server.accept()) {
                handle(Channels.newInputStream(ch), Channels.newOutputStream(ch));
            } catch (IOException e) {
                // closed, or a client that went away
            }
        }
    }

    private void handle(InputStream in, OutputStream out) throws IOException {
        String request = line(in);
        int length = 0;
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            if (h.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(h.substring(15).trim());
            }
        }
        byte[] body = in.readNBytes(length);
        String method = request.split(" ")[1].substring(1);
        calls.add(method);
        JsonNode req = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        ObjectNode reply = JSON.createObjectNode();
        int status = 200;
        try {
            answer(method, req, reply);
        } catch (IllegalStateException e) {
            reply.removeAll().put("Err", e.getMessage());
            status = 500;
        }
        byte[] json = JSON.writeValueAsBytes(reply);
        out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: application/vnd.docker.plugins.v1.2+json\r\n"
                + "Content-Length: " + json.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(json);
        out.flush();
    }

    private void answer(String method, JsonNode req, ObjectNode reply) throws IOException {
        String name = req.path("Name").asText("");
        switch (method) {
            case "Plugin.Activate" -> reply.putArray("Implements").add("VolumeDriver");
            case "VolumeDriver.Create" -> {
                Map<String, String> opts = new ConcurrentHashMap<>();
                req.path("Opts").fields().forEachRemaining(e -> opts.put(e.getKey(), e.getValue().asText()));
                if (opts.containsKey("fail")) {
                    throw new IllegalStateException("refusing option fail=" + opts.get("fail"));
                }
                Files.createDirectories(root.resolve(name));
                volumes.put(name, opts);
            }
            case "VolumeDriver.Remove" -> {
                known(name);
                volumes.remove(name);
                Files.deleteIfExists(root.resolve(name));
            }
            case "VolumeDriver.Get" -> reply.putObject("Volume").put("Name", known(name))
                    .put("Mountpoint", root.resolve(name).toString());
            case "VolumeDriver.List" -> {
                ArrayNode list = reply.putArray("Volumes");
                volumes.keySet().forEach(n -> list.addObject().put("Name", n).put("Mountpoint", root.resolve(n).toString()));
            }
            case "VolumeDriver.Path", "VolumeDriver.Mount" -> reply.put("Mountpoint", root.resolve(known(name)).toString());
            case "VolumeDriver.Unmount" -> known(name);
            case "VolumeDriver.Capabilities" -> reply.putObject("Capabilities").put("Scope", "local");
            default -> throw new IllegalStateException("unknown method " + method);
        }
    }

    private String known(String name) {
        if (!volumes.containsKey(name)) {
            throw new IllegalStateException("no such volume: " + name);
        }
        return name;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.US_ASCII);
    }
}
