package io.wharf.volume.plugin.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small Docker volume plugin for the tests: HTTP/1.1 over a Unix socket, volumes as directories under a root,
 * mounts counted per ID. Answers errors as plugins do, status 500 with {@code {"Err": "..."}}. With
 * {@code chunked} it frames replies with chunked encoding, as Go's server does for unsized bodies.
 */
final class TestPluginServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServerSocketChannel server;
    private final Path socket;
    private final Path root;
    private final Thread thread;
    private final boolean chunked;
    final Map<String, Map<String, String>> volumes = new ConcurrentHashMap<>();
    final Map<String, Set<String>> mounts = new ConcurrentHashMap<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    volatile String scope = "local";

    TestPluginServer(Path socket, Path root, boolean chunked) throws IOException {
        this.socket = socket;
        this.root = Files.createDirectories(root);
        this.chunked = chunked;
        Files.createDirectories(socket.getParent());
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        thread = new Thread(this::serve, "test-volume-plugin");
        thread.setDaemon(true);
        thread.start();
    }

    Path socket() {
        return socket;
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
        String path = request.split(" ")[1];
        calls.add(path.substring(1));
        JsonNode req = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        ObjectNode reply = JSON.createObjectNode();
        int status = 200;
        try {
            answer(path.substring(1), req, reply);
        } catch (IllegalStateException e) {
            reply.removeAll();
            reply.put("Err", e.getMessage());
            status = 500;
        }
        byte[] json = JSON.writeValueAsBytes(reply);
        String head = "HTTP/1.1 " + status + " X\r\nContent-Type: application/vnd.docker.plugins.v1.2+json\r\n"
                + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + json.length + "\r\n")
                + "Connection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        if (chunked) {
            int half = json.length / 2;
            out.write((Integer.toHexString(half) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(json, 0, half);
            out.write(("\r\n" + Integer.toHexString(json.length - half) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(json, half, json.length - half);
            out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        } else {
            out.write(json);
        }
        out.flush();
    }

    private void answer(String method, JsonNode req, ObjectNode reply) throws IOException {
        String name = req.path("Name").asText("");
        switch (method) {
            case "Plugin.Activate" -> reply.putArray("Implements").add("VolumeDriver");
            case "VolumeDriver.Create" -> {
                Map<String, String> opts = new TreeMap<>();
                req.path("Opts").fields().forEachRemaining(e -> opts.put(e.getKey(), e.getValue().asText()));
                if (opts.containsKey("fail")) {
                    throw new IllegalStateException("refusing option fail=" + opts.get("fail"));
                }
                Files.createDirectories(root.resolve(name));
                volumes.put(name, opts);
            }
            case "VolumeDriver.Remove" -> {
                known(name);
                if (!mounts.getOrDefault(name, Set.of()).isEmpty()) {
                    throw new IllegalStateException("volume " + name + " is mounted");
                }
                volumes.remove(name);
                Files.deleteIfExists(root.resolve(name));
            }
            case "VolumeDriver.Get" -> {
                known(name);
                ObjectNode v = reply.putObject("Volume");
                v.put("Name", name).put("Mountpoint", mountpoint(name)).put("CreatedAt", "2024-05-06T07:08:09Z");
                v.putObject("Status").put("opts", volumes.get(name).size());
            }
            case "VolumeDriver.List" -> {
                var list = reply.putArray("Volumes");
                volumes.keySet().stream().sorted().forEach(n -> list.addObject().put("Name", n)
                        .put("Mountpoint", mountpoint(n)));
            }
            case "VolumeDriver.Path" -> reply.put("Mountpoint", mountpoint(known(name)));
            case "VolumeDriver.Mount" -> {
                known(name);
                mounts.computeIfAbsent(name, k -> ConcurrentHashMap.newKeySet()).add(req.path("ID").asText());
                reply.put("Mountpoint", root.resolve(name).toString());
            }
            case "VolumeDriver.Unmount" -> {
                known(name);
                mounts.getOrDefault(name, Set.of()).remove(req.path("ID").asText());
            }
            case "VolumeDriver.Capabilities" -> reply.putObject("Capabilities").put("Scope", scope);
            default -> throw new IllegalStateException("unknown method " + method);
        }
    }

    /** Mounted volumes show their path, as plugins that mount on demand do. */
    private String mountpoint(String name) {
        return mounts.getOrDefault(name, Set.of()).isEmpty() ? "" : root.resolve(name).toString();
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
