package io.wharf.api.value;

import io.wharf.api.errors.InvalidArgumentException;
import java.util.Locale;
import java.util.Map;

/**
 * A Linux signal by name or number, as {@code docker kill -s}, {@code --stop-signal} and {@code STOPSIGNAL} take
 * it: {@code SIGTERM}, {@code term}, {@code 15}, {@code SIGRTMIN+3}.
 */
public final class Signal {
    private static final Map<String, Integer> NUMBERS = Map.ofEntries(Map.entry("HUP", 1), Map.entry("INT", 2),
            Map.entry("QUIT", 3), Map.entry("ILL", 4), Map.entry("TRAP", 5), Map.entry("ABRT", 6),
            Map.entry("IOT", 6), Map.entry("BUS", 7), Map.entry("FPE", 8), Map.entry("KILL", 9),
            Map.entry("USR1", 10), Map.entry("SEGV", 11), Map.entry("USR2", 12), Map.entry("PIPE", 13),
            Map.entry("ALRM", 14), Map.entry("TERM", 15), Map.entry("STKFLT", 16), Map.entry("CHLD", 17),
            Map.entry("CONT", 18), Map.entry("STOP", 19), Map.entry("TSTP", 20), Map.entry("TTIN", 21),
            Map.entry("TTOU", 22), Map.entry("URG", 23), Map.entry("XCPU", 24), Map.entry("XFSZ", 25),
            Map.entry("VTALRM", 26), Map.entry("PROF", 27), Map.entry("WINCH", 28), Map.entry("IO", 29),
            Map.entry("POLL", 29), Map.entry("PWR", 30), Map.entry("SYS", 31), Map.entry("RTMIN", 34),
            Map.entry("RTMAX", 64));
    private static final int MAX = 64;

    private Signal() {
    }

    /** The signal's number; dockerd's {@code Invalid signal: ...} for anything else. */
    public static int parse(String signal) {
        String s = signal == null ? "" : signal.trim().toUpperCase(Locale.ROOT);
        if (!s.isEmpty() && s.length() <= 3 && s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            int n = Integer.parseInt(s);
            if (n > 0 && n <= MAX) {
                return n;
            }
            throw invalid(signal);
        }
        if (s.startsWith("SIG")) {
            s = s.substring(3);
        }
        Integer n = NUMBERS.get(s);
        if (n != null) {
            return n;
        }
        if (s.startsWith("RTMIN+") || s.startsWith("RTMAX-")) {
            String offset = s.substring(6);
            if (!offset.isEmpty() && offset.length() <= 2 && offset.chars().allMatch(c -> c >= '0' && c <= '9')) {
                int k = Integer.parseInt(offset);
                int signo = s.startsWith("RTMIN+") ? 34 + k : MAX - k;
                if (signo >= 34 && signo <= MAX) {
                    return signo;
                }
            }
        }
        throw invalid(signal);
    }

    private static InvalidArgumentException invalid(String signal) {
        return new InvalidArgumentException("Invalid signal: " + signal);
    }
}
