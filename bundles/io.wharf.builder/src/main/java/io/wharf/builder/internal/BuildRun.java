package io.wharf.builder.internal;

import io.wharf.api.build.BuildOptions;
import io.wharf.api.container.ContainerConfig;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.errors.NotFoundException;
import io.wharf.api.errors.WharfException;
import io.wharf.api.image.ImageDetails;
import io.wharf.api.image.ImageReference;
import io.wharf.api.image.ImageService;
import io.wharf.api.registry.Credentials;
import io.wharf.api.registry.Platform;
import io.wharf.builder.internal.context.ContextArchive;
import io.wharf.builder.internal.context.DockerIgnore;
import io.wharf.builder.internal.dockerfile.Dockerfile;
import io.wharf.builder.internal.dockerfile.DockerfileParser;
import io.wharf.builder.internal.dockerfile.Instruction;
import io.wharf.builder.internal.dockerfile.KeyValues;
import io.wharf.builder.internal.dockerfile.ShellLexer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One build: the Dockerfile's stages run step by step as the classic builder does. A step that changes files runs
 * in an intermediate container that is committed to a new layer; a metadata-only step makes an image with an empty
 * layer; every step is looked up in the cache first.
 */
final class BuildRun {
    /** ARGs every build knows without declaring them (left out of the history, as Docker does). */
    static final Set<String> PREDEFINED_ARGS = Set.of("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy",
            "FTP_PROXY", "ftp_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy");
    private static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");

    private final ImageService images;
    private final BuildCache cache;
    private final BuildOptions options;
    private final BuildOutput out;
    private final StepContainers steps;
    private final Path work;
    private final Path context;
    private DockerIgnore ignore = DockerIgnore.none();
    private ShellLexer lexer;
    private final Map<String, String> metaArgs = new LinkedHashMap<>();
    private final Set<String> usedArgs = new java.util.HashSet<>();
    private final List<Stage> stages = new ArrayList<>();
    private int step;
    private int total;
    private int scratchFiles;
    private final Map<Path, String> digests = new java.util.concurrent.ConcurrentHashMap<>();

    BuildRun(ImageService images, StepContainers steps, BuildCache cache, BuildOptions options, BuildOutput out,
            Path work) {
        this.images = images;
        this.steps = steps;
        this.cache = cache;
        this.options = options;
        this.out = out;
        this.work = work;
        this.context = work.resolve("context");
    }

    String run(InputStream contextTar) throws IOException {
        Files.createDirectories(context);
        try {
            ContextArchive.extract(contextTar, context);
        } finally {
            // the tar's trailing padding too: a client whose body is left unread sees its connection reset
            contextTar.transferTo(OutputStream.nullOutputStream());
        }
        Path ignoreFile = context.resolve(".dockerignore");
        if (Files.isRegularFile(ignoreFile)) {
            ignore = DockerIgnore.parse(Files.readString(ignoreFile, StandardCharsets.UTF_8));
        }
        Dockerfile df = DockerfileParser.parse(readDockerfile());
        lexer = new ShellLexer(df.escape());
        List<Instruction> meta = plan(df);
        for (Instruction ins : meta) {
            announce(ins);
            metaArg(ins);
        }
        Stage last = null;
        for (Stage st : stages) {
            announce(st.from);
            from(st);
            for (Instruction ins : st.instructions) {
                announce(ins);
                dispatch(st, ins);
            }
            last = st;
        }
        if (last == null || last.imageId == null) {
            throw new InvalidArgumentException("No image was generated. Is your Dockerfile empty?");
        }
        warnUnusedArgs();
        out.imageId(last.imageId);
        out.line("Successfully built " + BuildOutput.shortId(last.imageId));
        for (String t : options.tags() == null ? List.<String>of() : options.tags()) {
            ImageReference ref = ImageReference.parse(t).withDefaultTag();
            images.tag(last.imageId, ref.repository().toString(), ref.tag().orElse("latest"));
            out.line("Successfully tagged " + ref.familiarString());
        }
        return last.imageId;
    }

    private String readDockerfile() throws IOException {
        String name = options.dockerfile() == null || options.dockerfile().isEmpty() ? "Dockerfile"
                : options.dockerfile();
        Path p = io.wharf.builder.internal.context.ContextPaths.resolve(context,
                io.wharf.builder.internal.context.ContextPaths.relative(name));
        if (!Files.isRegularFile(p) && name.equals("Dockerfile") && Files.isRegularFile(context.resolve("dockerfile"))) {
            p = context.resolve("dockerfile");
        }
        if (!Files.isRegularFile(p)) {
            throw new InvalidArgumentException("Cannot locate specified Dockerfile: " + name);
        }
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    /** Splits the Dockerfile into meta ARGs and stages, cut at the target; counts the steps. */
    private List<Instruction> plan(Dockerfile df) {
        List<Instruction> meta = new ArrayList<>();
        Stage current = null;
        for (Instruction ins : df.instructions()) {
            if (ins.keyword().equals("FROM")) {
                current = new Stage(stages.size(), ins);
                stages.add(current);
            } else if (current == null) {
                if (!ins.keyword().equals("ARG")) {
                    throw new InvalidArgumentException("Dockerfile parse error line " + ins.line()
                            + ": no build stage in current context");
                }
                meta.add(ins);
            } else {
                current.instructions.add(ins);
            }
        }
        if (stages.isEmpty()) {
            throw new InvalidArgumentException(df.instructions().isEmpty()
                    ? "the Dockerfile (" + (options.dockerfile() == null ? "Dockerfile" : options.dockerfile())
                            + ") cannot be empty"
                    : "No build stage in current context: the Dockerfile has no FROM");
        }
        for (Stage st : stages) {
            st.name = stageName(st.from);
        }
        String target = options.target();
        if (target != null && !target.isEmpty()) {
            int idx = -1;
            for (Stage st : stages) {
                if (target.equalsIgnoreCase(st.name)) {
                    idx = st.index;
                }
            }
            if (idx < 0) {
                throw new InvalidArgumentException("failed to reach build target " + target + " in Dockerfile");
            }
            stages.subList(idx + 1, stages.size()).clear();
        }
        Map<String, String> labels = options.labels() == null ? Map.of() : options.labels();
        if (!labels.isEmpty()) {
            StringBuilder b = new StringBuilder("LABEL");
            new java.util.TreeMap<>(labels).forEach((k, v) -> b.append(' ').append(quote(k)).append('=')
                    .append(quote(v)));
            stages.get(stages.size() - 1).instructions.add(DockerfileParser.instruction(b.toString(), 0,
                    df.escape()));
        }
        total = meta.size();
        for (Stage st : stages) {
            total += 1 + st.instructions.size();
        }
        return meta;
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$") + "\"";
    }

    /** The stage's name from {@code FROM image AS name}, lower case, or null. */
    private static String stageName(Instruction from) {
        String[] w = from.rest().strip().split("\\s+");
        if (w.length == 3 && w[1].equalsIgnoreCase("AS")) {
            return w[2].toLowerCase(Locale.ROOT);
        }
        if (w.length != 1 && w.length != 3) {
            throw new InvalidArgumentException("Dockerfile parse error line " + from.line()
                    + ": FROM requires either one or three arguments");
        }
        return null;
    }

    private void announce(Instruction ins) {
        step++;
        out.line("Step " + step + "/" + total + " : " + ins.original());
    }

    // ------------------------------------------------------------------ ARG and FROM

    private void metaArg(Instruction ins) {
        for (Map.Entry<String, String> kv : KeyValues.parse("ARG", ins.rest(), lexer == null ? '\\' : escape(),
                false)) {
            String name = kv.getKey();
            String value = buildArg(name);
            if (value == null && ins.rest().contains(name + "=")) {
                value = lexer.word(kv.getValue(), this::metaValue);
            }
            metaArgs.put(name, value);
            usedArgs.add(name);
        }
    }

    private char escape() {
        return '\\';
    }

    private String metaValue(String name) {
        String v = metaArgs.get(name);
        return v != null ? v : PREDEFINED_ARGS.contains(name) ? buildArg(name) : null;
    }

    private String buildArg(String name) {
        Map<String, String> a = options.buildArgs();
        if (a == null || !a.containsKey(name)) {
            return null;
        }
        String v = a.get(name);
        return v == null ? System.getenv(name) : v;
    }

    private void from(Stage st) throws IOException {
        Instruction ins = st.from;
        Platform platform = null;
        String platformFlag = ins.flag("platform");
        if (platformFlag != null && !platformFlag.isEmpty()) {
            String p = lexer.word(platformFlag, this::metaValue);
            platform = p.isEmpty() ? null : Platform.parse(p);
        } else if (options.platform() != null && !options.platform().isEmpty()) {
            platform = Platform.parse(options.platform());
        }
        String[] words = ins.rest().strip().split("\\s+");
        String imageName = lexer.word(words[0], this::metaValue);
        if (imageName.isEmpty()) {
            throw new InvalidArgumentException("base name (" + words[0] + ") should not be blank");
        }
        Stage base = stageNamed(imageName, st.index);
        if (base != null) {
            st.imageId = base.imageId;
            st.config = base.config.copy();
        } else if (imageName.equalsIgnoreCase("scratch")) {
            st.imageId = null;
            st.config = new ImageConfig();
        } else {
            st.imageId = baseImage(imageName, platform);
            st.config = ImageConfig.of(images.inspect(st.imageId).config());
        }
        out.line(" ---> " + (st.imageId == null ? "scratch" : BuildOutput.shortId(st.imageId)));
        List<String> triggers = List.copyOf(st.config.onBuild);
        st.config.onBuild = new ArrayList<>();
        if (!triggers.isEmpty()) {
            out.line("# Executing " + triggers.size() + " build trigger" + (triggers.size() > 1 ? "s" : ""));
            for (String t : triggers) {
                Instruction trigger = DockerfileParser.instruction(t, ins.line(), '\\');
                if (trigger.keyword().equals("ONBUILD") || trigger.keyword().equals("FROM")
                        || trigger.keyword().equals("MAINTAINER")) {
                    throw new InvalidArgumentException(trigger.keyword() + " isn't allowed as an ONBUILD trigger");
                }
                dispatch(st, trigger);
            }
        }
    }

    private Stage stageNamed(String name, int before) {
        for (Stage s : stages) {
            if (s.index >= before) {
                break;
            }
            if (name.equalsIgnoreCase(s.name) || name.equals(String.valueOf(s.index))) {
                return s;
            }
        }
        return null;
    }

    /** A local image, pulled first when absent or when the client asked for {@code --pull}. */
    private String baseImage(String name, Platform platform) {
        if (!options.pull()) {
            try {
                return images.inspect(name).id();
            } catch (NotFoundException absent) {
                // pulled below
            }
        }
        ImageReference ref = ImageReference.parse(name);
        images.pull(ref.withDefaultTag().toString(), platform, credentials(ref), out::progress);
        return images.inspect(name).id();
    }

    private Credentials credentials(ImageReference ref) {
        Map<String, Credentials> auth = options.registryAuth();
        if (auth == null) {
            return Credentials.anonymous();
        }
        for (Map.Entry<String, Credentials> e : auth.entrySet()) {
            String host = e.getKey().replaceFirst("^https?://", "").replaceFirst("/.*$", "");
            if (host.equals(ref.domain()) || (ref.domain().equals("docker.io") && host.equals("index.docker.io"))) {
                return e.getValue();
            }
        }
        return Credentials.anonymous();
    }

    // ------------------------------------------------------------------ dispatch

    /** Flags each instruction takes; others are refused as the classic builder does. */
    private static final Map<String, Set<String>> FLAGS = Map.of("FROM", Set.of("platform"), "COPY",
            Set.of("from", "chown", "chmod", "link"), "ADD", Set.of("chown", "chmod", "link"), "HEALTHCHECK",
            Set.of("interval", "timeout", "start-period", "start-interval", "retries"));

    private void dispatch(Stage st, Instruction ins) throws IOException {
        for (String flag : ins.flags().keySet()) {
            if (!FLAGS.getOrDefault(ins.keyword(), Set.of()).contains(flag)) {
                throw new InvalidArgumentException(ins.keyword().equals("RUN") && (flag.equals("mount")
                        || flag.equals("network") || flag.equals("security"))
                        ? "the --" + flag + " option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/ "
                                + "to learn how to build images with BuildKit enabled"
                        : "Dockerfile parse error line " + ins.line() + ": unknown flag: " + flag);
            }
        }
        try {
            instruction(st, ins);
        } catch (io.wharf.builder.internal.dockerfile.SyntaxError e) {
            throw new io.wharf.builder.internal.dockerfile.DockerfileSyntaxException(ins.line(), e.getMessage());
        }
    }

    private void instruction(Stage st, Instruction ins) throws IOException {
        Function<String, String> env = name -> expansionValue(st, name);
        switch (ins.keyword()) {
            case "RUN" -> run(st, ins);
            case "COPY", "ADD" -> copy(st, ins, env);
            case "ENV" -> {
                List<String> parts = new ArrayList<>();
                List<String[]> set = new ArrayList<>();
                for (Map.Entry<String, String> kv : KeyValues.parse("ENV", ins.rest(), '\\', true)) {
                    String k = lexer.word(kv.getKey(), env);
                    String v = lexer.word(kv.getValue(), env);
                    set.add(new String[] {k, v});
                    parts.add(k + "=" + v);
                }
                set.forEach(kv -> st.config.setEnv(kv[0], kv[1]));
                meta(st, "ENV " + String.join(" ", parts), false);
            }
            case "LABEL" -> {
                List<String> parts = new ArrayList<>();
                for (Map.Entry<String, String> kv : KeyValues.parse("LABEL", ins.rest(), '\\', true)) {
                    String k = lexer.word(kv.getKey(), env);
                    String v = lexer.word(kv.getValue(), env);
                    st.config.labels.put(k, v);
                    parts.add(k + "=" + v);
                }
                meta(st, "LABEL " + String.join(" ", parts), false);
            }
            case "MAINTAINER" -> {
                st.maintainer = ins.rest();
                meta(st, "MAINTAINER " + ins.rest(), false);
            }
            case "EXPOSE" -> {
                List<String> ports = new ArrayList<>();
                for (String w : lexer.words(ins.rest(), env)) {
                    ports.addAll(ports(w));
                }
                st.config.exposedPorts.addAll(ports);
                meta(st, "EXPOSE " + String.join(" ", new TreeSet<>(ports)), false);
            }
            case "USER" -> {
                String user = lexer.word(ins.rest(), env);
                if (user.isEmpty()) {
                    throw new InvalidArgumentException("USER requires exactly one argument");
                }
                st.config.user = user;
                meta(st, "USER " + user, false);
            }
            case "WORKDIR" -> {
                String dir = lexer.word(ins.rest(), env);
                if (dir.isEmpty()) {
                    throw new InvalidArgumentException("WORKDIR requires exactly one argument");
                }
                st.config.workingDir = absolute(st, dir);
                workdir(st);
            }
            case "VOLUME" -> {
                List<String> vols = ins.isJson() ? expandAll(ins.json(), env) : lexer.words(ins.rest(), env);
                if (vols.isEmpty()) {
                    throw new InvalidArgumentException("VOLUME requires at least one argument");
                }
                for (String v : vols) {
                    if (v.isBlank()) {
                        throw new InvalidArgumentException("VOLUME specified can not be an empty string");
                    }
                    st.config.volumes.add(v);
                }
                meta(st, "VOLUME " + goList(vols, false), false);
            }
            case "STOPSIGNAL" -> {
                String sig = lexer.word(ins.rest(), env);
                st.config.stopSignal = sig;
                meta(st, "STOPSIGNAL " + sig, false);
            }
            case "CMD" -> {
                st.config.cmd = command(st, ins);
                st.config.argsEscaped = false;
                st.cmdSet = true;
                meta(st, "CMD " + goList(st.config.cmd, true), false);
            }
            case "ENTRYPOINT" -> {
                List<String> ep = command(st, ins);
                st.config.entrypoint = ins.isJson() && ep.isEmpty() ? null : ep;
                if (!st.cmdSet) {
                    st.config.cmd = null; // a base image's CMD does not survive a new ENTRYPOINT
                }
                meta(st, "ENTRYPOINT " + goList(ep, true), false);
            }
            case "SHELL" -> {
                if (!ins.isJson() || ins.json().isEmpty()) {
                    throw new InvalidArgumentException("SHELL requires the arguments to be in JSON form");
                }
                st.config.shell = List.copyOf(ins.json());
                meta(st, "SHELL " + goList(ins.json(), true), false);
            }
            case "HEALTHCHECK" -> healthcheck(st, ins);
            case "ONBUILD" -> {
                String inner = ins.rest().strip();
                String kw = inner.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
                if (kw.equals("ONBUILD")) {
                    throw new InvalidArgumentException("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
                }
                if (kw.equals("FROM") || kw.equals("MAINTAINER")) {
                    throw new InvalidArgumentException(kw + " isn't allowed as an ONBUILD trigger");
                }
                DockerfileParser.instruction(inner, ins.line(), '\\'); // an unknown instruction fails now
                st.config.onBuild.add(inner);
                meta(st, "ONBUILD " + inner, false);
            }
            case "ARG" -> {
                List<String> parts = new ArrayList<>();
                for (Map.Entry<String, String> kv : KeyValues.parse("ARG", ins.rest(), '\\', false)) {
                    String name = kv.getKey();
                    boolean hasDefault = ins.rest().contains(name + "=");
                    String value = buildArg(name);
                    if (value == null) {
                        value = hasDefault ? lexer.word(kv.getValue(), env) : metaArgs.get(name);
                    }
                    st.args.put(name, value);
                    usedArgs.add(name);
                    parts.add(value == null ? name : name + "=" + value);
                }
                meta(st, "ARG " + String.join(" ", parts), false);
            }
            default -> throw new InvalidArgumentException("Dockerfile parse error line " + ins.line()
                    + ": unknown instruction: " + ins.keyword());
        }
    }

    private String expansionValue(Stage st, String name) {
        String v = st.config.env(name);
        if (v != null) {
            return v;
        }
        if (st.args.containsKey(name)) {
            return st.args.get(name);
        }
        return PREDEFINED_ARGS.contains(name) ? buildArg(name) : null;
    }

    private List<String> expandAll(List<String> words, Function<String, String> env) {
        List<String> out2 = new ArrayList<>();
        for (String w : words) {
            out2.add(lexer.word(w, env));
        }
        return out2;
    }

    private List<String> shell(Stage st) {
        return st.config.shell == null ? DEFAULT_SHELL : st.config.shell;
    }

    private List<String> command(Stage st, Instruction ins) {
        if (ins.isJson()) {
            return List.copyOf(ins.json());
        }
        if (ins.rest().isEmpty()) {
            return List.of();
        }
        List<String> c = new ArrayList<>(shell(st));
        c.add(ins.rest());
        return c;
    }

    private String absolute(Stage st, String path) {
        String p = path.startsWith("/") ? path : (st.config.workingDir.isEmpty() ? "/" : st.config.workingDir) + "/"
                + path;
        return cleanAbsolute(p);
    }

    /** An absolute path cleaned as Go's path.Clean does; ".." at the root stays there. */
    static String cleanAbsolute(String path) {
        List<String> parts = new ArrayList<>();
        for (String s : path.split("/")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
                continue;
            }
            parts.add(s);
        }
        return "/" + String.join("/", parts);
    }

    static List<String> ports(String spec) {
        String proto = "tcp";
        String p = spec;
        int slash = spec.indexOf('/');
        if (slash >= 0) {
            proto = spec.substring(slash + 1).toLowerCase(Locale.ROOT);
            p = spec.substring(0, slash);
        }
        if (!Set.of("tcp", "udp", "sctp").contains(proto)) {
            throw new InvalidArgumentException("invalid proto: " + proto);
        }
        List<String> out2 = new ArrayList<>();
        try {
            int dash = p.indexOf('-');
            int from = Integer.parseInt(dash < 0 ? p : p.substring(0, dash));
            int to = dash < 0 ? from : Integer.parseInt(p.substring(dash + 1));
            if (from < 0 || to > 65535 || to < from) {
                throw new NumberFormatException();
            }
            for (int k = from; k <= to; k++) {
                out2.add(k + "/" + proto);
            }
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("invalid containerPort: " + p);
        }
        return out2;
    }

    /** Go's {@code %q} of a string slice, as dockerd writes commands into the history. */
    static String goList(List<String> l, boolean quoted) {
        StringBuilder b = new StringBuilder("[");
        for (int k = 0; k < l.size(); k++) {
            if (k > 0) {
                b.append(' ');
            }
            b.append(quoted ? "\"" + l.get(k).replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
                    + "\"" : l.get(k));
        }
        return b.append(']').toString();
    }

    private void healthcheck(Stage st, Instruction ins) {
        String rest = ins.rest().strip();
        String[] kw = rest.split("\\s+", 2);
        if (kw[0].equalsIgnoreCase("NONE")) {
            if (kw.length > 1) {
                throw new InvalidArgumentException("HEALTHCHECK NONE takes no arguments");
            }
            st.config.healthcheck = new ContainerConfig.HealthConfig(List.of("NONE"), 0, 0, 0, 0, 0);
        } else if (kw[0].equalsIgnoreCase("CMD")) {
            String cmdText = kw.length > 1 ? kw[1].strip() : "";
            if (cmdText.isEmpty()) {
                throw new InvalidArgumentException("Missing command after HEALTHCHECK CMD");
            }
            List<String> json = cmdText.startsWith("[") ? jsonList(cmdText) : null;
            List<String> test = new ArrayList<>();
            if (json != null) {
                test.add("CMD");
                test.addAll(json);
            } else {
                test.add("CMD-SHELL");
                test.add(cmdText);
            }
            long interval = duration(ins.flag("interval"), "interval");
            long timeout = duration(ins.flag("timeout"), "timeout");
            long startPeriod = duration(ins.flag("start-period"), "start-period");
            long startInterval = duration(ins.flag("start-interval"), "start-interval");
            int retries = 0;
            if (ins.flag("retries") != null) {
                try {
                    retries = Integer.parseInt(ins.flag("retries"));
                } catch (NumberFormatException e) {
                    throw new InvalidArgumentException("invalid value for --retries: " + ins.flag("retries"));
                }
                if (retries < 1) {
                    throw new InvalidArgumentException("--retries must be at least 1 (not " + retries + ")");
                }
            }
            st.config.healthcheck = new ContainerConfig.HealthConfig(List.copyOf(test), interval, timeout, startPeriod,
                    startInterval, retries);
        } else {
            throw new InvalidArgumentException("Unknown type \"" + kw[0] + "\" in HEALTHCHECK (try CMD)");
        }
        meta(st, "HEALTHCHECK &{" + goList(st.config.healthcheck.test(), true) + " \"" + hc(st) + "\"}", false);
    }

    private static String hc(Stage st) {
        ContainerConfig.HealthConfig h = st.config.healthcheck;
        return h.interval() + " " + h.timeout() + " " + h.startPeriod() + " " + h.retries();
    }

    private static List<String> jsonList(String text) {
        try {
            com.fasterxml.jackson.databind.JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(text);
            if (!n.isArray()) {
                return null;
            }
            List<String> l = new ArrayList<>();
            n.forEach(e -> l.add(e.asText()));
            return l;
        } catch (IOException e) {
            return null;
        }
    }

    /** A Go duration ({@code 30s}, {@code 1m30s}, {@code 500ms}) in nanoseconds; 0 when not given. */
    static long duration(String text, String flag) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)")
                .matcher(text);
        long total2 = 0;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                break;
            }
            double v = Double.parseDouble(m.group(1));
            long unit = switch (m.group(2)) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            total2 += (long) (v * unit);
            end = m.end();
        }
        if (end != text.length()) {
            throw new InvalidArgumentException("invalid value for --" + flag + ": time: invalid duration \"" + text
                    + "\"");
        }
        if (total2 != 0 && total2 < 1_000_000) {
            throw new InvalidArgumentException("Interval \"" + flag + "\" cannot be less than 1ms");
        }
        return total2;
    }

    // ------------------------------------------------------------------ steps that make images

    private String configKey(Stage st) {
        return st.config.toConfig("").toString();
    }

    /** A metadata-only step: an image with an empty layer, or the cached one. */
    private void meta(Stage st, String comment, boolean oneSpace) {
        String createdBy = String.join(" ", shell(st)) + " #(nop) " + (oneSpace ? "" : " ") + comment;
        String key = BuildCache.key(st.imageId, createdBy, configKey(st));
        if (cached(st, key)) {
            return;
        }
        st.imageId = images.createImage(st.imageId, st.config.toConfig(st.imageId == null ? "" : st.imageId),
                createdBy, st.maintainer);
        done(st, key);
    }

    /**
     * WORKDIR: the directory is made in the image when it is missing (a layer with just that directory), as
     * dockerd does; when it exists the step only changes the config.
     */
    private void workdir(Stage st) throws IOException {
        String dir = st.config.workingDir;
        String createdBy = String.join(" ", shell(st)) + " #(nop) WORKDIR " + dir;
        String key = BuildCache.key(st.imageId, createdBy, configKey(st));
        if (cached(st, key)) {
            return;
        }
        if (st.imageId == null) {
            st.imageId = images.createImage(null, st.config.toConfig(""), "", st.maintainer);
        }
        String id = steps.create(st.config.toConfig(st.imageId));
        if (steps.isDirectory(id, dir)) {
            steps.remove(id, false);
            st.imageId = images.createImage(st.imageId, st.config.toConfig(st.imageId), createdBy, st.maintainer);
        } else {
            java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
            io.wharf.archive.TarWriter tar = new io.wharf.archive.TarWriter(buf);
            tar.add(io.wharf.archive.TarHeader.directory(CopyArchive.strip(dir) + "/")
                    .withMtime(java.time.Instant.now()), null);
            tar.finish();
            steps.put(id, new java.io.ByteArrayInputStream(buf.toByteArray()));
            st.imageId = steps.commit(id, st.config.toConfig(st.imageId), createdBy, st.maintainer);
            finishContainerQuietly(id);
        }
        done(st, key);
    }

    private boolean cached(Stage st, String key) {
        if (options.noCache()) {
            return false;
        }
        java.util.Optional<String> hit = cache.get(key);
        if (hit.isPresent()) {
            try {
                images.inspect(hit.get());
                st.imageId = hit.get();
                out.line(" ---> Using cache");
                out.line(" ---> " + BuildOutput.shortId(st.imageId));
                return true;
            } catch (NotFoundException gone) {
                cache.forget(key);
            }
        }
        return false;
    }

    private void done(Stage st, String key) {
        cache.put(key, st.imageId);
        out.line(" ---> " + BuildOutput.shortId(st.imageId));
    }

    private void run(Stage st, Instruction ins) {
        if (st.imageId == null) {
            throw new InvalidArgumentException("Please provide a source image with `from` prior to run");
        }
        List<String> cmd;
        if (ins.isJson()) {
            cmd = List.copyOf(ins.json());
        } else {
            String text = ins.rest();
            if (!ins.heredocs().isEmpty()) {
                text = heredocScript(text, ins.heredocs());
            }
            cmd = new ArrayList<>(shell(st));
            cmd.add(text);
        }
        // the build's ARGs are in the command's environment and, except the predefined ones, in its history
        List<String> argEnv = new ArrayList<>();
        List<String> argHistory = new ArrayList<>();
        for (Map.Entry<String, String> a : st.args.entrySet()) {
            if (a.getValue() != null) {
                argEnv.add(a.getKey() + "=" + a.getValue());
                if (!PREDEFINED_ARGS.contains(a.getKey())) {
                    argHistory.add(a.getKey() + "=" + a.getValue());
                }
            }
        }
        for (String p : PREDEFINED_ARGS) {
            String v = buildArg(p);
            if (v != null && !st.args.containsKey(p)) {
                argEnv.add(p + "=" + v);
            }
        }
        String joined = String.join(" ", cmd);
        String createdBy = (argHistory.isEmpty() ? "" : "|" + argHistory.size() + " " + String.join(" ", argHistory)
                + " ") + joined;
        String key = BuildCache.key(st.imageId, "RUN " + createdBy, configKey(st));
        if (cached(st, key)) {
            return;
        }
        ImageConfig runCfg = st.config.copy();
        for (String e : argEnv) {
            int eq = e.indexOf('=');
            if (runCfg.env(e.substring(0, eq)) == null) {
                runCfg.env.add(e);
            }
        }
        ContainerConfig base = runCfg.toConfig(st.imageId);
        ContainerConfig c = new ContainerConfig("", "", base.user(), false, true, true, base.exposedPorts(), false,
                false, false, base.env(), cmd, base.healthcheck(), false, st.imageId, base.volumes(),
                base.workingDir(), List.of(""), false, null, List.of(), base.labels(), base.stopSignal(),
                base.stopTimeout(), base.shell());
        String id = steps.create(c);
        out.line(" ---> Running in " + BuildOutput.shortId(id));
        int code = steps.run(id);
        if (code != 0) {
            throw new io.wharf.api.build.StepFailedException("The command '" + joined + "' returned a non-zero code: " + code, code);
        }
        st.imageId = steps.commit(id, st.config.toConfig(st.imageId), createdBy, st.maintainer);
        finishContainer(id);
        done(st, key);
    }

    private void finishContainer(String id) {
        if (steps.keepAfterSuccess()) {
            steps.forget(id);
        } else {
            steps.remove(id, true);
        }
    }

    /** A RUN whose only argument is a here-document runs the document as its script, as BuildKit does. */
    static String heredocScript(String text, List<Instruction.Heredoc> docs) {
        if (docs.size() == 1 && text.strip().matches("<<-?[\"']?" + docs.get(0).name() + "[\"']?")) {
            return docs.get(0).content();
        }
        StringBuilder b = new StringBuilder(text);
        for (Instruction.Heredoc d : docs) {
            b.append('\n').append(d.content()).append(d.name());
        }
        return b.toString();
    }

    private void copy(Stage st, Instruction ins, Function<String, String> env) throws IOException {
        boolean add = ins.keyword().equals("ADD");
        List<String> args = ins.isJson() ? expandAll(ins.json(), env) : expandWordsKeepingHeredocs(ins, env);
        if (args.size() < 2) {
            throw new InvalidArgumentException(ins.keyword() + " requires at least two arguments, but only one was "
                    + "provided. Destination could not be determined.");
        }
        String destArg = args.get(args.size() - 1);
        List<String> srcs = args.subList(0, args.size() - 1);
        String fromFlag = ins.flag("from");
        if (add && fromFlag != null) {
            throw new InvalidArgumentException("ADD does not support the --from option");
        }
        Path root = context;
        DockerIgnore ig = ignore;
        if (fromFlag != null) {
            root = fetchFrom(lexer.word(fromFlag, env), srcs);
            ig = DockerIgnore.none();
        }
        CopySources sources = new CopySources(root, ig, digests);
        Map<String, Instruction.Heredoc> docs = new HashMap<>();
        ins.heredocs().forEach(d -> docs.put(d.name(), d));
        for (String s : srcs) {
            java.util.regex.Matcher hm = java.util.regex.Pattern.compile("<<-?[\"']?([A-Za-z_][A-Za-z0-9_]*)[\"']?")
                    .matcher(s);
            if (hm.matches() && docs.containsKey(hm.group(1))) {
                Path f = scratchFile(hm.group(1));
                Files.writeString(f, docs.get(hm.group(1)).content(), StandardCharsets.UTF_8);
                sources.addFile(f, hm.group(1));
            } else if (add && (s.startsWith("http://") || s.startsWith("https://"))) {
                Path f = new UrlSource(work).download(s);
                sources.addFile(f, f.getFileName().toString());
            } else {
                sources.addPattern(s, add, ins.keyword());
            }
        }
        boolean destDirByName = destArg.endsWith("/") || destArg.equals(".") || destArg.endsWith("/.");
        if ((sources.sources.size() > 1 || srcs.stream().anyMatch(CopySources::hasWildcard) && sources.sources.size()
                > 1) && !destDirByName) {
            throw new InvalidArgumentException("When using " + ins.keyword() + " with more than one source file, "
                    + "the destination must be a directory and end with a /");
        }
        String dest = absolute(st, destArg);
        String chown = ins.flag("chown") == null ? null : lexer.word(ins.flag("chown"), env);
        String chmodText = ins.flag("chmod");
        int chmod = -1;
        if (chmodText != null) {
            try {
                chmod = Integer.parseInt(chmodText, 8);
                if (chmod > 07777) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new InvalidArgumentException("invalid chmod parameter: " + chmodText);
            }
        }
        String createdBy = String.join(" ", shell(st)) + " #(nop) " + ins.keyword() + " " + sources.describe()
                + " in " + dest + " ";
        String key = BuildCache.key(st.imageId, createdBy + "\0" + chown + "\0" + chmodText, configKey(st));
        if (cached(st, key)) {
            return;
        }
        if (st.imageId == null) {
            // a container needs an image, even one without layers (FROM scratch)
            st.imageId = images.createImage(null, st.config.toConfig(""), "", st.maintainer);
        }
        String id = steps.create(st.config.toConfig(st.imageId));
        boolean destIsDir = destDirByName || sources.sources.size() > 1
                || sources.sources.get(0).kind() != CopySources.Kind.FILE || steps.isDirectory(id, dest);
        int[] owner = chown == null ? new int[] {0, 0} : new Ownership(steps, id).resolve(chown);
        Path tar = work.resolve("copy-" + step + ".tar");
        try (OutputStream o = Files.newOutputStream(tar)) {
            CopyArchive.write(sources, dest, destIsDir, owner[0], owner[1], chmod, o);
        }
        try (InputStream in = Files.newInputStream(tar)) {
            steps.put(id, in);
        } finally {
            Files.deleteIfExists(tar);
        }
        st.imageId = steps.commit(id, st.config.toConfig(st.imageId), createdBy, st.maintainer);
        finishContainerQuietly(id);
        done(st, key);
    }

    private void finishContainerQuietly(String id) {
        if (steps.keepAfterSuccess()) {
            steps.forget(id);
        } else {
            steps.remove(id, false);
        }
    }

    private List<String> expandWordsKeepingHeredocs(Instruction ins, Function<String, String> env) {
        List<String> out2 = new ArrayList<>();
        for (String raw : KeyValues.rawWords(ins.rest(), '\\')) {
            out2.add(raw.startsWith("<<") ? raw : lexer.word(raw, env));
        }
        return out2;
    }

    private Path scratchFile(String name) throws IOException {
        Path dir = Files.createDirectories(work.resolve("inline").resolve(String.valueOf(scratchFiles++)));
        return dir.resolve(name);
    }

    /**
     * The files {@code COPY --from} names, fetched out of the stage's or image's file system into a private
     * directory that then serves as the sources' root.
     */
    private Path fetchFrom(String from, List<String> srcs) throws IOException {
        String imageId;
        Stage s = stageNamed(from, Integer.MAX_VALUE);
        if (s != null) {
            imageId = s.imageId;
        } else {
            try {
                Integer.parseInt(from);
                throw new InvalidArgumentException("invalid from flag value " + from + ": no stage with that index");
            } catch (NumberFormatException notIndex) {
                imageId = baseImage(from, null);
            }
        }
        if (imageId == null) {
            throw new InvalidArgumentException("COPY --from=" + from + ": the stage has no files");
        }
        Path root = Files.createDirectories(work.resolve("from-" + step));
        ImageDetails d = images.inspect(imageId);
        String id = steps.create(new ContainerConfig("", "", "", false, false, false, null, false, false, false,
                null, List.of("true"), null, false, d.id(), null, "", null, false, null, null, null, null, null,
                null));
        try {
            for (String src : srcs) {
                String rel = io.wharf.builder.internal.context.ContextPaths.relative(src);
                // the path to fetch: the source itself, or the directory above its first wildcard
                List<String> parts = new ArrayList<>(List.of(rel.split("/")));
                int wild = 0;
                while (wild < parts.size() && !CopySources.hasWildcard(parts.get(wild))) {
                    wild++;
                }
                List<String> fetched = parts.subList(0, Math.min(wild, parts.size()));
                if (fetched.isEmpty() || fetched.get(0).isEmpty()) {
                    throw new InvalidArgumentException("COPY --from with a wildcard at the root is not supported: "
                            + src);
                }
                String inContainer = "/" + String.join("/", fetched);
                Path into = Files.createDirectories(root.resolve(String.join("/",
                        fetched.subList(0, fetched.size() - 1))));
                Path tmp = work.resolve("from-" + step + ".tar");
                try (OutputStream o = Files.newOutputStream(tmp)) {
                    steps.readTo(id, inContainer, o);
                } catch (NotFoundException e) {
                    throw new InvalidArgumentException("COPY failed: stat " + inContainer + ": file does not exist");
                }
                try (InputStream in = Files.newInputStream(tmp)) {
                    ContextArchive.extract(in, into);
                }
                Files.deleteIfExists(tmp);
            }
        } finally {
            steps.remove(id, false);
        }
        return root;
    }

    private void warnUnusedArgs() {
        Map<String, String> a = options.buildArgs();
        if (a == null) {
            return;
        }
        Set<String> unused = new java.util.TreeSet<>();
        for (String k : a.keySet()) {
            if (!usedArgs.contains(k) && !PREDEFINED_ARGS.contains(k)) {
                unused.add(k);
            }
        }
        if (!unused.isEmpty()) {
            out.line("[Warning] One or more build-args [" + String.join(" ", unused) + "] were not consumed");
        }
    }

    static LinkedHashSet<String> set(List<String> l) {
        return new LinkedHashSet<>(l);
    }
}
