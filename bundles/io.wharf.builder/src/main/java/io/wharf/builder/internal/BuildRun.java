package io.wharf.builder.internal;

import io.wharf.api.build.BuildOptions;
import io.wharf.api.container.ContainerConfig;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.errors.NotFoundException;
import io.wharf.api.image.ImageReference;
import io.wharf.api.image.ImageService;
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
    private final BaseImages bases;
    private final CacheSources cacheSources;
    private DockerIgnore ignore = DockerIgnore.none();
    private ShellLexer lexer;
    private char escape = '\\';
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
        this.bases = new BaseImages(images, steps, options, out);
        this.cacheSources = new CacheSources(images, options.cacheFrom());
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
        escape = df.escape();
        lexer = new ShellLexer(escape);
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
        for (Map.Entry<String, String> kv : KeyValues.parse("ARG", ins.rest(), escape,
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

    private String metaValue(String name) {
        String v = metaArgs.get(name);
        return v != null ? v : PREDEFINED_ARGS.contains(name) ? buildArg(name) : null;
    }

    private String buildArg(String name) {
        Map<String, String> a = options.buildArgs();
        if (a == null || !a.containsKey(name)) {
            return null;
        }
        // null: given without a value that the client could resolve; the ARG's default applies (never the
        // daemon's own environment)
        return a.get(name);
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
            st.imageId = bases.resolve(imageName, platform);
            st.config = ImageConfig.of(images.inspect(st.imageId).config());
        }
        out.line(" ---> " + (st.imageId == null ? "scratch" : BuildOutput.shortId(st.imageId)));
        List<String> triggers = List.copyOf(st.config.onBuild);
        st.config.onBuild = new ArrayList<>();
        if (!triggers.isEmpty()) {
            out.line("# Executing " + triggers.size() + " build trigger" + (triggers.size() > 1 ? "s" : ""));
            for (String t : triggers) {
                Instruction trigger = DockerfileParser.instruction(t, ins.line(), escape);
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
                for (Map.Entry<String, String> kv : KeyValues.parse("ENV", ins.rest(), escape, true)) {
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
                for (Map.Entry<String, String> kv : KeyValues.parse("LABEL", ins.rest(), escape, true)) {
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
                    ports.addAll(InstructionValues.ports(w));
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
                meta(st, "VOLUME " + InstructionValues.goList(vols, false), false);
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
                meta(st, "CMD " + InstructionValues.goList(st.config.cmd, true), false);
            }
            case "ENTRYPOINT" -> {
                List<String> ep = command(st, ins);
                st.config.entrypoint = ins.isJson() && ep.isEmpty() ? null : ep;
                if (!st.cmdSet) {
                    st.config.cmd = null; // a base image's CMD does not survive a new ENTRYPOINT
                }
                meta(st, "ENTRYPOINT " + InstructionValues.goList(ep, true), false);
            }
            case "SHELL" -> {
                if (!ins.isJson() || ins.json().isEmpty()) {
                    throw new InvalidArgumentException("SHELL requires the arguments to be in JSON form");
                }
                st.config.shell = List.copyOf(ins.json());
                meta(st, "SHELL " + InstructionValues.goList(ins.json(), true), false);
            }
            case "HEALTHCHECK" -> {
                st.config.healthcheck = InstructionValues.healthcheck(ins);
                meta(st, InstructionValues.describe(st.config.healthcheck), false);
            }
            case "ONBUILD" -> {
                String inner = ins.rest().strip();
                String kw = inner.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
                if (kw.equals("ONBUILD")) {
                    throw new InvalidArgumentException("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
                }
                if (kw.equals("FROM") || kw.equals("MAINTAINER")) {
                    throw new InvalidArgumentException(kw + " isn't allowed as an ONBUILD trigger");
                }
                DockerfileParser.instruction(inner, ins.line(), escape); // an unknown instruction fails now
                st.config.onBuild.add(inner);
                meta(st, "ONBUILD " + inner, false);
            }
            case "ARG" -> {
                List<String> parts = new ArrayList<>();
                for (Map.Entry<String, String> kv : KeyValues.parse("ARG", ins.rest(), escape, false)) {
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
        return InstructionValues.cleanAbsolute(p);
    }

    // ------------------------------------------------------------------ steps that make images

    private String configKey(Stage st) {
        return st.config.toConfig("").toString();
    }

    /** A metadata-only step: an image with an empty layer, or the cached one. */
    private void meta(Stage st, String comment, boolean oneSpace) {
        String createdBy = String.join(" ", shell(st)) + " #(nop) " + (oneSpace ? "" : " ") + comment;
        String key = BuildCache.key(st.imageId, createdBy, configKey(st));
        if (cached(st, key, createdBy)) {
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
        if (cached(st, key, createdBy)) {
            return;
        }
        if (st.imageId == null) {
            st.imageId = images.createImage(null, st.config.toConfig(""), null, st.maintainer);
        }
        String id = steps.create(st.config.forStep(st.imageId, nop(st, createdBy)));
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

    /** A step's comment as the command of its container, which never runs. */
    private List<String> nop(Stage st, String createdBy) {
        List<String> c = new ArrayList<>(shell(st));
        c.add(createdBy.substring(createdBy.indexOf("#(nop)")));
        return c;
    }

    private boolean cached(Stage st, String key, String createdBy) {
        if (options.noCache()) {
            return false;
        }
        java.util.Optional<String> hit = cache.get(key);
        if (hit.isPresent()) {
            try {
                images.inspect(hit.get());
                st.imageId = hit.get();
                usingCache(st);
                return true;
            } catch (NotFoundException gone) {
                cache.forget(key);
            }
        }
        String restored = cacheSources.restore(st.imageId, createdBy, st.config.toConfig(st.imageId == null ? ""
                : st.imageId), st.maintainer);
        if (restored != null) {
            st.imageId = restored;
            cache.put(key, restored);
            usingCache(st);
            return true;
        }
        return false;
    }

    private void usingCache(Stage st) {
        out.line(" ---> Using cache");
        out.line(" ---> " + BuildOutput.shortId(st.imageId));
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
                text = InstructionValues.heredocScript(text, ins.heredocs());
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
        if (cached(st, key, createdBy)) {
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
        if (cached(st, key, createdBy)) {
            return;
        }
        if (st.imageId == null) {
            // a container needs an image, even one without layers (FROM scratch)
            st.imageId = images.createImage(null, st.config.toConfig(""), null, st.maintainer);
        }
        String id = steps.create(st.config.forStep(st.imageId, nop(st, createdBy)));
        boolean destExists = steps.isDirectory(id, dest);
        boolean destIsDir = destDirByName || sources.sources.size() > 1
                || sources.sources.get(0).kind() != CopySources.Kind.FILE || destExists;
        int[] owner = chown == null ? new int[] {0, 0} : new Ownership(steps, id).resolve(chown);
        Path tar = work.resolve("copy-" + step + ".tar");
        try (OutputStream o = Files.newOutputStream(tar)) {
            CopyArchive.write(sources, dest, destIsDir, destIsDir && !destExists, owner[0], owner[1], chmod, o);
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
        for (String raw : KeyValues.rawWords(ins.rest(), escape)) {
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
                imageId = bases.resolve(from, null);
            }
        }
        if (imageId == null) {
            throw new InvalidArgumentException("COPY --from=" + from + ": the stage has no files");
        }
        return bases.files(imageId, srcs, work.resolve("from-" + step));
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

}
