package io.wharf.builder.internal;

import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.errors.NotFoundException;
import io.wharf.archive.TarHeader;
import io.wharf.archive.TarReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code --chown=user[:group]}: numbers are taken as they are, names are looked up in the step container's
 * {@code /etc/passwd} and {@code /etc/group}; without a group, the group of the same name (or number) is used.
 */
final class Ownership {
    private final StepContainers steps;
    private final String container;

    Ownership(StepContainers steps, String container) {
        this.steps = steps;
        this.container = container;
    }

    int[] resolve(String spec) throws IOException {
        String[] parts = spec.split(":", 2);
        String user = parts[0];
        String group = parts.length > 1 ? parts[1] : user;
        int uid = id(user, "/etc/passwd", "user");
        int gid;
        if (parts.length == 1 && !isNumber(user)) {
            gid = primaryGroup(user);
        } else {
            gid = id(group, "/etc/group", "group");
        }
        return new int[] {uid, gid};
    }

    private int id(String name, String file, String what) throws IOException {
        if (isNumber(name)) {
            return Integer.parseInt(name);
        }
        for (String line : lines(file)) {
            String[] f = line.split(":");
            if (f.length > 2 && f[0].equals(name)) {
                return Integer.parseInt(f[2]);
            }
        }
        throw new InvalidArgumentException("unable to convert uid/gid chown string to host mapping: can't find "
                + "uid for " + what + " " + name + ": no such " + what + ": " + name);
    }

    private int primaryGroup(String user) throws IOException {
        for (String line : lines("/etc/passwd")) {
            String[] f = line.split(":");
            if (f.length > 3 && f[0].equals(user)) {
                return Integer.parseInt(f[3]);
            }
        }
        return id(user, "/etc/group", "group");
    }

    private String[] lines(String file) throws IOException {
        try (InputStream in = steps.read(container, file); TarReader tar = new TarReader(in)) {
            TarHeader h = tar.next();
            if (h == null || h.kind() != TarHeader.Kind.REGULAR) {
                return new String[0];
            }
            return new String(tar.content().readAllBytes(), StandardCharsets.UTF_8).split("\n");
        } catch (NotFoundException e) {
            return new String[0];
        }
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }
}
