package io.wharf.rest.internal.server;

import io.wharf.api.errors.InvalidArgumentException;
import java.nio.file.Path;

/** One {@code -H} address: a Unix socket path or a TCP host and port. */
sealed interface ListenAddress {
    /** A Unix socket. */
    record Unix(Path path) implements ListenAddress {
    }

    /** A TCP address; an empty host means every interface. */
    record Tcp(String host, int port) implements ListenAddress {
    }

    /**
     * Parses dockerd's syntax: {@code unix:///path}, {@code tcp://host:port}, {@code tcp://:port},
     * {@code tcp://[::1]:port}, a bare {@code /path}. The TCP port defaults to 2376 with TLS, else 2375.
     */
    static ListenAddress parse(String spec, boolean tls) {
        String s = spec.trim();
        if (s.startsWith("/")) {
            return new Unix(Path.of(s));
        }
        if (s.startsWith("unix://")) {
            String p = s.substring("unix://".length());
            if (p.isEmpty()) {
                p = "/run/wharf.sock";
            }
            if (!p.startsWith("/")) {
                throw new InvalidArgumentException("invalid Unix socket address (must be absolute): " + spec);
            }
            return new Unix(Path.of(p));
        }
        if (s.startsWith("fd://")) {
            throw new InvalidArgumentException("socket activation (" + spec + ") is not supported; use unix:// or tcp://");
        }
        if (s.startsWith("tcp://")) {
            String rest = s.substring("tcp://".length());
            int slash = rest.indexOf('/');
            if (slash >= 0) {
                rest = rest.substring(0, slash);
            }
            String host;
            String port;
            if (rest.startsWith("[")) {
                int close = rest.indexOf(']');
                if (close < 0) {
                    throw new InvalidArgumentException("invalid bind address: " + spec);
                }
                host = rest.substring(1, close);
                port = rest.length() > close + 1 && rest.charAt(close + 1) == ':' ? rest.substring(close + 2) : "";
            } else {
                int colon = rest.lastIndexOf(':');
                host = colon < 0 ? rest : rest.substring(0, colon);
                port = colon < 0 ? "" : rest.substring(colon + 1);
            }
            int p = tls ? 2376 : 2375;
            if (!port.isEmpty()) {
                try {
                    p = Integer.parseInt(port);
                } catch (NumberFormatException e) {
                    throw new InvalidArgumentException("invalid bind address port: " + spec);
                }
                if (p < 0 || p > 65535) {
                    throw new InvalidArgumentException("invalid bind address port: " + spec);
                }
            }
            return new Tcp(host, p);
        }
        throw new InvalidArgumentException("invalid bind address protocol: " + spec);
    }
}
