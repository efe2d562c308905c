package io.wharf.daemon.internal.container;

import io.wharf.api.container.HostConfig;
import io.wharf.api.errors.ConflictException;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.errors.NotFoundException;
import io.wharf.api.errors.WharfException;
import io.wharf.daemon.internal.container.NetworkAttachments.Attachment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * dockerd's legacy links ({@code --link name[:alias]}) on the default bridge: recorded at creation as
 * {@code /name:/me/alias} (what inspect shows), and at each start turned into an {@code /etc/hosts} line and the
 * {@code ALIAS_PORT_*}, {@code ALIAS_NAME}, {@code ALIAS_ENV_*} variables for every linked container. On
 * user-defined networks a link is an alias the network's DNS server answers for the linking container only.
 */
final class LegacyLinks {
    private LegacyLinks() {
    }

    /**
     * A linked container as the linking one sees it at start.
     *
     * @param name the link's full name, {@code /me/alias}
     * @param ports the linked container's exposed ports ({@code 80/tcp})
     */
    record Linked(String alias, String name, String childName, String childHostname, String ip, Set<String> ports,
            List<String> childEnv) {

        /** dockerd's line: the alias, the linked container's hostname, and its name when the alias differs. */
        String hostsLine() {
            StringBuilder b = new StringBuilder(ip).append('\t').append(alias).append(' ').append(childHostname);
            if (!alias.equals(childName)) {
                b.append(' ').append(childName);
            }
            return b.append('\n').toString();
        }

        List<String> env() {
            String prefix = alias.toUpperCase(Locale.ROOT).replace('-', '_');
            List<String[]> list = new ArrayList<>();
            for (String p : ports) {
                String[] f = p.split("/");
                list.add(new String[] {f[0], f.length > 1 ? f[1] : "tcp"});
            }
            // TCP first, then by protocol name; by number within a protocol, so that ranges come out whole
            list.sort(Comparator.<String[], Integer>comparing(x -> x[1].equals("tcp") ? 0 : 1)
                    .thenComparing(x -> x[1]).thenComparing(x -> Integer.parseInt(x[0])));
            List<String> env = new ArrayList<>();
            String[] start = null;
            String[] end = null;
            for (int i = 0; i < list.size(); i++) {
                String[] p = list.get(i);
                if (i == 0) {
                    start = p;
                    end = p;
                    env.add(prefix + "_PORT=" + p[1] + "://" + ip + ":" + p[0]);
                }
                String key = prefix + "_PORT_" + p[0] + "_" + p[1].toUpperCase(Locale.ROOT);
                env.add(key + "=" + p[1] + "://" + ip + ":" + p[0]);
                env.add(key + "_ADDR=" + ip);
                env.add(key + "_PORT=" + p[0]);
                env.add(key + "_PROTO=" + p[1]);
                if (Integer.parseInt(p[0]) == Integer.parseInt(end[0]) + 1 && p[1].equals(end[1])) {
                    end = p;
                    if (i < list.size() - 1) {
                        continue;
                    }
                }
                if (end != start) {
                    String range = prefix + "_PORT_" + start[0] + "_" + start[1].toUpperCase(Locale.ROOT);
                    env.add(range + "_START=" + start[1] + "://" + ip + ":" + start[0]);
                    env.add(range + "_PORT_START=" + start[0]);
                    env.add(range + "_END=" + end[1] + "://" + ip + ":" + end[0]);
                    env.add(range + "_PORT_END=" + end[0]);
                }
                start = p;
                end = p;
            }
            env.add(prefix + "_NAME=" + name);
            for (String v : childEnv) {
                int eq = v.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String k = v.substring(0, eq);
                // set by builds, of no use to the linking container
                if (!k.equals("HOME") && !k.equals("PATH")) {
                    env.add(prefix + "_ENV_" + k + "=" + v.substring(eq + 1));
                }
            }
            return env;
        }
    }

    static boolean userDefined(String mode) {
        return !(mode.equals("bridge") || mode.equals("default") || mode.equals("host") || mode.equals("none")
                || mode.startsWith("container:"));
    }

    /**
     * At creation: every linked container must exist (dockerd's 400 otherwise) and must not use the host's
     * network; returns the host config with the links in their full form {@code /name:/me/alias}. On a
     * user-defined network the links stay as given: they become DNS aliases there.
     */
    static HostConfig register(HostConfig hc, String fullName, Function<String, Container> lookup) {
        List<String> links = SpecFactory.list(hc.links());
        if (links.isEmpty() || userDefined(mode(hc))) {
            return hc;
        }
        List<String> full = new ArrayList<>();
        for (LinkSpec l : LinkSpec.parseAll(links)) {
            Container child;
            try {
                child = lookup.apply(l.name());
            } catch (NotFoundException e) {
                throw new InvalidArgumentException("could not get container for " + l.name() + ": "
                        + e.getMessage());
            }
            Container target = child;
            for (int hops = 0; IsolatedNetworking.mode(target).startsWith("container:") && hops < 8; hops++) {
                String next = IsolatedNetworking.mode(target).substring("container:".length());
                try {
                    target = lookup.apply(next);
                } catch (NotFoundException e) {
                    throw new InvalidArgumentException("Could not get container for " + next + ": "
                            + e.getMessage());
                }
            }
            if (IsolatedNetworking.mode(target).equals("host")) {
                throw new InvalidArgumentException("conflicting options: host type networking can't be used "
                        + "with links. This would result in undefined behavior");
            }
            String entry = child.name + ":" + fullName + "/" + l.alias();
            if (!full.contains(entry)) {
                full.add(entry);
            }
        }
        return withLinks(hc, full);
    }

    /**
     * At start on the default bridge: the linked containers with their addresses. A linked container that is gone
     * no longer counts (dockerd drops the link with it); one that is not running fails the start.
     */
    static List<Linked> resolve(Container c, Function<String, Container> lookup) {
        List<Linked> out = new ArrayList<>();
        for (LinkSpec l : LinkSpec.parseAll(c.hostConfig.links())) {
            Container child;
            try {
                child = lookup.apply(l.name());
            } catch (NotFoundException e) {
                continue;
            }
            String linkName = c.name + "/" + l.alias();
            if (!child.isRunning()) {
                throw new ConflictException("Cannot link to a non running container: " + child.name + " AS "
                        + linkName);
            }
            String ip = null;
            for (Attachment a : NetworkAttachments.read(child).values()) {
                if (a.joined() != null && a.joined().networkName().equals("bridge") && a.joined().ipv4() != null) {
                    ip = DriverNetworking.bare(a.joined().ipv4());
                }
            }
            if (ip == null) {
                throw new WharfException("Cannot link to " + child.name + ", as it does not belong to the default "
                        + "network");
            }
            out.add(new Linked(l.alias(), linkName, child.bareName(), SpecFactory.hostname(child), ip,
                    new LinkedHashSet<>(ConfigMerge.set(child.config.exposedPorts())),
                    SpecFactory.list(child.config.env())));
        }
        return out;
    }

    /**
     * A linked container started with {@code address}: the running containers linking to it see its new address
     * in their /etc/hosts at once, as dockerd updates them. Their variables keep the old one until they restart.
     */
    static void updateParents(Container child, String address, List<Container> containers) {
        for (Container parent : containers) {
            if (parent == child || !parent.isRunning()) {
                continue;
            }
            for (LinkSpec l : LinkSpec.parseAll(parent.hostConfig.links())) {
                if (!l.name().equals(child.bareName()) && !l.name().equals(child.id)) {
                    continue;
                }
                String names = new Linked(l.alias(), "", child.bareName(), SpecFactory.hostname(child), "",
                        Set.of(), List.of()).hostsLine();
                Path hosts = parent.dir.resolve("hosts");
                try {
                    List<String> lines = new ArrayList<>();
                    for (String line : Files.readAllLines(hosts)) {
                        lines.add((line + "\n").endsWith(names) ? address + names.stripTrailing() : line);
                    }
                    // in place: the file is bind-mounted into the running container, a new inode would not show
                    Files.writeString(hosts, String.join("\n", lines) + "\n");
                } catch (IOException e) {
                    // the parent is going away; its next start writes the file anew
                }
            }
        }
    }

    /** The variables of every link, without those the container's own environment sets (its own win). */
    static List<String> env(List<Linked> links, List<String> own) {
        Set<String> ownKeys = new LinkedHashSet<>();
        for (String v : own) {
            ownKeys.add(v.indexOf('=') < 0 ? v : v.substring(0, v.indexOf('=')));
        }
        List<String> out = new ArrayList<>();
        for (Linked l : links) {
            for (String v : l.env()) {
                if (!ownKeys.contains(v.substring(0, v.indexOf('=')))) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    /**
     * {@code docker rm --link /me/alias}: removes the link from the linking container's record; it takes effect at
     * its next start, as in dockerd.
     */
    static void unlink(String linkName, Function<String, Container> lookup, Consumer<Container> save) {
        String name = linkName.startsWith("/") ? linkName : "/" + linkName;
        int slash = name.lastIndexOf('/');
        if (slash == 0) {
            throw new InvalidArgumentException("Conflict, cannot remove the default link name of the container");
        }
        String parentName = name.substring(0, slash);
        String alias = name.substring(slash + 1);
        Container parent;
        try {
            parent = lookup.apply(parentName);
        } catch (NotFoundException e) {
            throw new WharfException("Cannot get parent " + parentName + " for link name " + name);
        }
        synchronized (parent) {
            List<String> kept = new ArrayList<>();
            for (String l : SpecFactory.list(parent.hostConfig.links())) {
                if (!LinkSpec.parse(l).alias().equals(alias)) {
                    kept.add(l);
                }
            }
            parent.hostConfig = withLinks(parent.hostConfig, kept);
        }
        save.accept(parent);
    }

    private static String mode(HostConfig hc) {
        String m = hc.networkMode();
        return m == null || m.isEmpty() || m.equals("default") ? "bridge" : m;
    }

    private static HostConfig withLinks(HostConfig h, List<String> links) {
        return new HostConfig(h.binds(), h.containerIdFile(), h.logConfig(), h.networkMode(), h.portBindings(),
                h.restartPolicy(), h.autoRemove(), h.volumeDriver(), h.volumesFrom(), h.mounts(), h.capAdd(),
                h.capDrop(), h.cgroupnsMode(), h.dns(), h.dnsOptions(), h.dnsSearch(), h.extraHosts(), h.groupAdd(),
                h.ipcMode(), h.cgroup(), List.copyOf(links), h.oomScoreAdj(), h.pidMode(), h.privileged(),
                h.publishAllPorts(), h.readonlyRootfs(), h.securityOpt(), h.storageOpt(), h.tmpfs(), h.utsMode(),
                h.usernsMode(), h.shmSize(), h.sysctls(), h.runtime(), h.maskedPaths(), h.readonlyPaths(), h.init(),
                h.resources(), h.annotations());
    }
}
