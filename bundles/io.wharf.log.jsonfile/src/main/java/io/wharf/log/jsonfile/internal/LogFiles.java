package io.wharf.log.jsonfile.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The file chain of one container's log, named as dockerd names it: {@code <id>-json.log} is live, rotated ones are
 * {@code <id>-json.log.1} (newest) to {@code .N}, gzipped ones end in {@code .gz}.
 */
record LogFiles(Path live) {
    static LogFiles of(Path directory, String containerId) {
        return new LogFiles(directory.resolve(containerId + "-json.log"));
    }

    Path rotated(int n) {
        return live.resolveSibling(live.getFileName() + "." + n);
    }

    Path compressed(int n) {
        return live.resolveSibling(live.getFileName() + "." + n + ".gz");
    }

    /** Rotated files oldest first; where both a plain and a gzipped file exist, the plain one (being compressed). */
    List<Path> rotatedOldestFirst() {
        TreeMap<Integer, Path> byNumber = new TreeMap<>();
        String prefix = live.getFileName() + ".";
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(live.getParent(), prefix + "*")) {
            for (Path p : dir) {
                String rest = p.getFileName().toString().substring(prefix.length());
                boolean gz = rest.endsWith(".gz");
                String digits = gz ? rest.substring(0, rest.length() - 3) : rest;
                if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                int n = Integer.parseInt(digits);
                if (!gz || !byNumber.containsKey(n)) {
                    byNumber.put(n, p);
                }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Path> files = new ArrayList<>(byNumber.descendingMap().values());
        return files;
    }
}
