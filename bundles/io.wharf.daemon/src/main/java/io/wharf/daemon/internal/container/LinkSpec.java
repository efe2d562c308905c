package io.wharf.daemon.internal.container;

import io.wharf.api.errors.InvalidArgumentException;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code --link name[:alias]}: the linked container as the user named it, and the alias the linking container
 * knows it by (the name itself when none is given).
 */
record LinkSpec(String name, String alias) {

    static LinkSpec parse(String link) {
        String[] parts = link.split(":");
        if (parts.length == 0 || parts.length > 2 || parts[0].isEmpty()
                || parts.length == 2 && parts[1].isEmpty()) {
            throw new InvalidArgumentException("invalid link format: " + link);
        }
        String name = parts[0].startsWith("/") ? parts[0].substring(1) : parts[0];
        String alias = parts.length == 2 ? parts[1] : name;
        // the full form dockerd records, /me/alias, names the alias last
        return new LinkSpec(name, alias.substring(alias.lastIndexOf('/') + 1));
    }

    static List<LinkSpec> parseAll(List<String> links) {
        List<LinkSpec> out = new ArrayList<>();
        for (String l : links == null ? List.<String>of() : links) {
            out.add(parse(l));
        }
        return out;
    }
}
