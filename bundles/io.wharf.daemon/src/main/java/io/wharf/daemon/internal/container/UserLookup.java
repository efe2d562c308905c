package io.wharf.daemon.internal.container;

import io.wharf.api.runtime.ProcessSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Resolves {@code --user} ({@code name|uid[:group|gid]}) and {@code --group-add} against the container's own
 * {@code /etc/passwd} and {@code /etc/group}, as dockerd does, adding the user's supplementary groups.
 */
final class UserLookup {
    private UserLookup() {
    }

    /** Thrown with dockerd's wording when a name is not in the container's files. */
    static final class UnknownUserException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnknownUserException(String message) {
            super(message);
        }
    }

    static ProcessSpec.User resolve(Path rootfs, String user, List<String> groupAdd) {
        String u = user == null ? "" : user.trim();
        String userPart = u;
        String groupPart = null;
        int colon = u.indexOf(':');
        if (colon >= 0) {
            userPart = u.substring(0, colon);
            groupPart = u.substring(colon + 1);
        }
        List<String[]> passwd = read(rootfs, "etc/passwd");
        List<String[]> groups = read(rootfs, "etc/group");
        int uid = 0;
        int gid = 0;
        String userName = "root";
        if (!userPart.isEmpty()) {
            String[] entry = find(passwd, userPart);
            if (entry != null && entry.length > 3) {
                uid = parse(entry[2], 0);
                gid = parse(entry[3], 0);
                userName = entry[0];
            } else if (isNumber(userPart)) {
                uid = Integer.parseInt(userPart);
                userName = null;
            } else {
                throw new UnknownUserException("unable to find user " + userPart
                        + ": no matching entries in passwd file");
            }
        } else {
            String[] root = find(passwd, "0");
            if (root != null && root.length > 3) {
                gid = parse(root[3], 0);
            }
        }
        if (groupPart != null && !groupPart.isEmpty()) {
            gid = groupId(groups, groupPart);
        }
        Set<Integer> extra = new LinkedHashSet<>();
        if (userName != null) {
            for (String[] g : groups) {
                if (g.length > 3 && !g[3].isEmpty()) {
                    for (String member : g[3].split(",")) {
                        if (member.trim().equals(userName)) {
                            extra.add(parse(g[2], 0));
                        }
                    }
                }
            }
        }
        if (groupAdd != null) {
            for (String g : groupAdd) {
                extra.add(groupId(groups, g));
            }
        }
        extra.remove(gid);
        return new ProcessSpec.User(uid, gid, new ArrayList<>(extra));
    }

    private static int groupId(List<String[]> groups, String group) {
        String[] entry = find(groups, group);
        if (entry != null && entry.length > 2) {
            return parse(entry[2], 0);
        }
        if (isNumber(group)) {
            return Integer.parseInt(group);
        }
        throw new UnknownUserException("unable to find group " + group + ": no matching entries in group file");
    }

    /** An entry whose name or numeric ID (third field) is {@code key}. */
    private static String[] find(List<String[]> entries, String key) {
        for (String[] e : entries) {
            if (e[0].equals(key)) {
                return e;
            }
        }
        if (isNumber(key)) {
            for (String[] e : entries) {
                if (e.length > 2 && e[2].equals(key)) {
                    return e;
                }
            }
        }
        return null;
    }

    private static List<String[]> read(Path rootfs, String file) {
        List<String[]> entries = new ArrayList<>();
        // resolved inside the rootfs without following a symlink out of it: these files are regular files
        Path p = rootfs.resolve(file);
        try {
            if (Files.isSymbolicLink(p) || !Files.isRegularFile(p)) {
                return entries;
            }
            for (String line : Files.readAllLines(p)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    entries.add(line.split(":", -1));
                }
            }
        } catch (IOException e) {
            // an image without these files: numeric IDs only
        }
        return entries;
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit) && s.length() < 10;
    }

    private static int parse(String s, int fallback) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
