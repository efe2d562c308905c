package io.wharf.launcher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed command line: the values set by flags, keyed by daemon.json key, plus the flags that only steer the
 * launcher. Parsing follows dockerd's (pflag's) rules: {@code --name value}, {@code --name=value}, {@code -x value},
 * {@code -xvalue}, {@code -x=value}; booleans take no separate value but accept {@code --debug=false}; list flags
 * may be repeated; a lone {@code --} ends the flags; nothing positional is accepted.
 *
 * @param values     flag values by daemon.json key: {@code String}, {@code Boolean} or {@code List<String>}
 * @param configFile the {@code --config-file} value, or {@code null} when not given
 * @param help       {@code -h}/{@code --help} was given
 * @param version    {@code -v}/{@code --version} was given
 */
record CommandLine(Map<String, Object> values, String configFile, boolean help, boolean version) {

    static final String SEE_HELP = "See 'wharfd --help'.";

    static CommandLine parse(String... args) throws UsageException {
        Map<String, Object> values = new LinkedHashMap<>();
        String configFile = null;
        boolean help = false;
        boolean version = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                if (i + 1 < args.length) {
                    throw noArguments();
                }
                break;
            }
            Flag flag;
            String value;
            String display;
            if (arg.startsWith("--")) {
                String body = arg.substring(2);
                int eq = body.indexOf('=');
                String name = eq < 0 ? body : body.substring(0, eq);
                value = eq < 0 ? null : body.substring(eq + 1);
                flag = Flag.byName(name).orElseThrow(() -> new UsageException("unknown flag: --" + name + "\n" + SEE_HELP));
                display = "--" + name;
            } else if (arg.startsWith("-") && arg.length() > 1) {
                char c = arg.charAt(1);
                flag = Flag.byShorthand(c).orElseThrow(
                        () -> new UsageException("unknown shorthand flag: '" + c + "' in " + arg + "\n" + SEE_HELP));
                String rest = arg.substring(2);
                value = rest.isEmpty() ? null : rest.startsWith("=") ? rest.substring(1) : rest;
                display = "'" + c + "' in " + arg;
                if (flag.kind() == Flag.Kind.BOOLEAN && value != null && !rest.startsWith("=")) {
                    // -Dv style: pflag treats the rest as further shorthand booleans
                    List<String> split = new ArrayList<>();
                    split.add("-" + c);
                    for (char more : rest.toCharArray()) {
                        split.add("-" + more);
                    }
                    String[] expanded = new String[args.length - 1 + split.size()];
                    System.arraycopy(args, 0, expanded, 0, i);
                    for (int k = 0; k < split.size(); k++) {
                        expanded[i + k] = split.get(k);
                    }
                    System.arraycopy(args, i + 1, expanded, i + split.size(), args.length - i - 1);
                    args = expanded;
                    value = null;
                }
            } else {
                throw noArguments();
            }

            if (flag.kind() == Flag.Kind.BOOLEAN) {
                boolean b = value == null || parseBoolean(value, flag);
                switch (flag.name()) {
                    case "help" -> help = b;
                    case "version" -> version = b;
                    default -> values.put(flag.key(), b);
                }
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException("flag needs an argument: " + display + "\n" + SEE_HELP);
                }
                value = args[++i];
            }
            if (flag.key() == null) {
                configFile = value;
            } else if (flag.kind() == Flag.Kind.LIST) {
                @SuppressWarnings("unchecked")
                List<String> list = (List<String>) values.computeIfAbsent(flag.key(), k -> new ArrayList<String>());
                list.add(value);
            } else {
                values.put(flag.key(), value);
            }
        }
        values.replaceAll((k, v) -> v instanceof List<?> l ? List.copyOf(l) : v);
        return new CommandLine(Map.copyOf(values), configFile, help, version);
    }

    private static boolean parseBoolean(String value, Flag flag) throws UsageException {
        switch (value) {
            case "1", "t", "T", "true", "TRUE", "True":
                return true;
            case "0", "f", "F", "false", "FALSE", "False":
                return false;
            default:
                throw new UsageException("invalid argument \"" + value + "\" for \"" + flag.display()
                        + "\" flag: strconv.ParseBool: parsing \"" + value + "\": invalid syntax\n" + SEE_HELP);
        }
    }

    private static UsageException noArguments() {
        return new UsageException("\"wharfd\" accepts no arguments.\n" + SEE_HELP);
    }

    /** The usage text for {@code --help}, laid out as dockerd's. */
    static String usage() {
        StringBuilder out = new StringBuilder();
        out.append("\nUsage:\twharfd [OPTIONS]\n\nA Docker-compatible container engine.\n\nOptions:\n");
        List<String> left = new ArrayList<>();
        int width = 0;
        for (Flag f : Flag.ALL) {
            String s = (f.shorthand() == 0 ? "      " : "  -" + f.shorthand() + ", ") + "--" + f.name()
                    + (f.valueName() == null ? "" : " " + f.valueName());
            left.add(s);
            width = Math.max(width, s.length());
        }
        for (int i = 0; i < Flag.ALL.size(); i++) {
            out.append(String.format("%-" + (width + 3) + "s%s%n", left.get(i), Flag.ALL.get(i).usage()));
        }
        return out.toString();
    }
}
