package io.wharf.daemon.internal.container;

import io.wharf.api.container.TopResult;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.errors.WharfException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** {@code docker top}: the host's {@code ps} with the user's arguments, keeping the container's processes. */
final class Top {
    private Top() {
    }

    static TopResult run(List<Integer> pids, String psArgs) {
        String args = psArgs == null || psArgs.isBlank() ? "-ef" : psArgs;
        List<String> cmd = new ArrayList<>();
        cmd.add("ps");
        cmd.addAll(Arrays.asList(args.trim().split("\\s+")));
        String out;
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new WharfException("ps did not finish");
            }
            if (p.exitValue() != 0) {
                throw new InvalidArgumentException("ps: " + out.strip());
            }
        } catch (IOException e) {
            throw new WharfException("cannot run ps: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WharfException("interrupted");
        }
        String[] lines = out.split("\n");
        if (lines.length == 0) {
            return new TopResult(List.of(), List.of());
        }
        List<String> titles = Arrays.asList(lines[0].trim().split("\\s+"));
        int pidCol = titles.indexOf("PID");
        if (pidCol < 0) {
            throw new InvalidArgumentException("Couldn't find PID field in ps output");
        }
        Set<String> wanted = new HashSet<>();
        pids.forEach(p -> wanted.add(Integer.toString(p)));
        List<List<String>> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].trim().split("\\s+", titles.size());
            if (f.length > pidCol && wanted.contains(f[pidCol])) {
                rows.add(Arrays.asList(f));
            }
        }
        return new TopResult(titles, rows);
    }
}
