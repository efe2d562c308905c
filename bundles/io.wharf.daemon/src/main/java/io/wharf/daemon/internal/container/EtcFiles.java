package io.wharf.daemon.internal.container;

import io.wharf.api.container.HostConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code hostname}, {@code hosts} and {@code resolv.conf} files of a container, written to its directory and
 * bound over the image's. Without a network driver the container has only its loopback interface.
 */
final class EtcFiles {
    private static final Path HOST_RESOLV = Path.of("/etc/resolv.conf");

    private EtcFiles() {
    }

    static void write(Container c, boolean hostNetwork) throws IOException {
        write(c, new SpecFactory.NetworkPlan(hostNetwork, null));
    }

    /** Writes the files as dockerd does: the container's address under its name, then the extra hosts. */
    static void write(Container c, SpecFactory.NetworkPlan plan) throws IOException {
        if (plan.filesFrom() != null) {
            return; // the container sharing its namespace binds the other container's files
        }
        boolean hostNetwork = plan.hostNetwork();
        HostConfig hc = c.hostConfig;
        String hostname = SpecFactory.hostname(c);
        if (hostNetwork) {
            hostname = java.net.InetAddress.getLocalHost().getHostName();
        }
        Files.writeString(c.dir.resolve("hostname"), hostname + "\n");
        StringBuilder hosts = new StringBuilder();
        if (hostNetwork && Files.isReadable(Path.of("/etc/hosts"))) {
            hosts.append(Files.readString(Path.of("/etc/hosts")));
        } else {
            hosts.append("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n")
                    .append("fe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\n")
                    .append("ff02::2\tip6-allrouters\n");
        }
        if (plan.address() != null && !plan.address().isEmpty()) {
            String domain = c.config.domainname();
            hosts.append(plan.address()).append('\t');
            if (domain != null && !domain.isEmpty()) {
                hosts.append(hostname).append('.').append(domain).append(' ');
            }
            hosts.append(hostname).append('\n');
        }
        for (String extra : SpecFactory.list(hc.extraHosts())) {
            // name:ip, and name=ip as newer clients send it
            int colon = extra.indexOf('=') > 0 ? extra.indexOf('=') : extra.indexOf(':');
            if (colon > 0) {
                String ip = extra.substring(colon + 1);
                if (ip.equals("host-gateway")) {
                    ip = plan.hostGateway() == null || plan.hostGateway().isEmpty() ? "127.0.0.1" : plan.hostGateway();
                }
                hosts.append(ip).append('\t').append(extra, 0, colon).append('\n');
            }
        }
        plan.links().forEach(l -> hosts.append(l.hostsLine()));
        Files.writeString(c.dir.resolve("hosts"), hosts.toString());
        Files.writeString(c.dir.resolve("resolv.conf"), resolvConf(hc, hostNetwork, plan.nameserver()));
    }

    private static String resolvConf(HostConfig hc, boolean hostNetwork, String networkServer) throws IOException {
        return resolvConf(hc, hostNetwork, networkServer, Files.isReadable(HOST_RESOLV)
                ? Files.readAllLines(HOST_RESOLV) : List.of());
    }

    /**
     * dockerd's resolv.conf. With the network's own DNS server that server is the only nameserver: the container's
     * {@code --dns} servers (or the host's) become its upstreams, listed in a trailing comment as dockerd does, and
     * {@code ndots:0} is added unless a valid ndots option is given, so that names with no dot go to it at once.
     */
    static String resolvConf(HostConfig hc, boolean hostNetwork, String networkServer, List<String> hostFile) {
        List<String> servers = new ArrayList<>();
        List<String> hostServers = new ArrayList<>();
        List<String> search = new ArrayList<>();
        List<String> options = new ArrayList<>();
        for (String line : hostFile) {
            String[] w = line.trim().split("\\s+");
            if (w.length < 2 || w[0].startsWith("#") || w[0].startsWith(";")) {
                continue;
            }
            switch (w[0]) {
                case "nameserver" -> {
                    hostServers.add(w[1]);
                    // a resolver on the host's loopback is unreachable from a private network namespace
                    if (hostNetwork || !loopback(w[1])) {
                        servers.add(w[1]);
                    }
                }
                case "search", "domain" -> search = new ArrayList<>(List.of(w).subList(1, w.length));
                case "options" -> options.addAll(List.of(w).subList(1, w.length));
                default -> {
                }
            }
        }
        List<String> overrides = new ArrayList<>();
        if (!SpecFactory.list(hc.dns()).isEmpty()) {
            servers = hc.dns();
            overrides.add("nameservers");
        }
        if (!SpecFactory.list(hc.dnsSearch()).isEmpty()) {
            // "--dns-search ." means no search domains at all
            search = hc.dnsSearch().equals(List.of(".")) ? List.of() : hc.dnsSearch();
            overrides.add("search");
        }
        boolean ownOptions = !SpecFactory.list(hc.dnsOptions()).isEmpty();
        if (ownOptions) {
            options = hc.dnsOptions();
            overrides.add("options");
        }
        boolean internal = networkServer != null && !networkServer.isEmpty();
        String ndotsFrom = null;
        List<String> upstreams = List.of();
        if (internal) {
            upstreams = overrides.contains("nameservers") ? servers
                    : hostServers.stream().map(h -> loopback(h) ? "host(" + h + ")" : h).toList();
            servers = List.of(networkServer);
            options = new ArrayList<>(options.stream().filter(o -> !o.startsWith("ndots:") || validNdots(o)).toList());
            if (options.stream().anyMatch(o -> o.startsWith("ndots:"))) {
                ndotsFrom = ownOptions ? "override" : "host";
            } else {
                options.add("ndots:0");
                ndotsFrom = "internal";
            }
        }
        if (servers.isEmpty()) {
            servers = List.of("8.8.8.8", "8.8.4.4");
        }
        StringBuilder b = new StringBuilder();
        for (String s : servers) {
            b.append("nameserver ").append(s).append('\n');
        }
        if (!search.isEmpty()) {
            b.append("search ").append(String.join(" ", search)).append('\n');
        }
        if (!options.isEmpty()) {
            b.append("options ").append(String.join(" ", options)).append('\n');
        }
        if (internal) {
            b.append("\n# Based on host file: '").append(HOST_RESOLV).append("' (internal resolver)\n");
            if (upstreams.isEmpty()) {
                b.append("# Used default nameservers.\n");
                upstreams = List.of("8.8.8.8", "8.8.4.4");
            }
            b.append("# ExtServers: [").append(String.join(" ", upstreams)).append("]\n");
            b.append("# Overrides: [").append(String.join(" ", overrides)).append("]\n");
            b.append("# Option ndots from: ").append(ndotsFrom).append('\n');
        }
        return b.toString();
    }

    private static boolean loopback(String ip) {
        return ip.startsWith("127.") || ip.equals("::1");
    }

    private static boolean validNdots(String option) {
        try {
            return Integer.parseInt(option.substring("ndots:".length())) >= 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
