package io.wharf.rest.internal.router.containers;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.api.common.PruneReport;
import io.wharf.api.common.Subscription;
import io.wharf.api.container.AttachOptions;
import io.wharf.api.container.CommitOptions;
import io.wharf.api.container.ContainerCreateRequest;
import io.wharf.api.container.ContainerDetails;
import io.wharf.api.container.ContainerResources;
import io.wharf.api.container.ContainerService;
import io.wharf.api.container.ContainerSummary;
import io.wharf.api.container.CreateResult;
import io.wharf.api.container.HostConfig;
import io.wharf.api.container.ListOptions;
import io.wharf.api.container.PathStat;
import io.wharf.api.container.StatsSample;
import io.wharf.api.container.StdStream;
import io.wharf.api.container.TopResult;
import io.wharf.api.container.WaitCondition;
import io.wharf.api.container.WaitResult;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.errors.NotFoundException;
import io.wharf.api.errors.UnavailableException;
import io.wharf.api.log.LogQuery;
import io.wharf.api.storage.StorageDriver;
import io.wharf.rest.internal.json.GoFields;
import io.wharf.rest.internal.json.StdStreamFrame;
import io.wharf.rest.internal.router.ApiRequest;
import io.wharf.rest.internal.router.ApiResponse;
import io.wharf.rest.internal.router.Hijack;
import io.wharf.rest.internal.router.JsonLineStream;
import io.wharf.rest.internal.router.Router;
import io.wharf.rest.internal.router.Routes;
import io.wharf.rest.internal.router.StreamSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code /containers}: create, the lifecycle, inspection, logs, attach, stats, archives, and {@code /commit}.
 * Handlers parse, call the container service and write; attach hijacks the connection.
 */
@Component(service = Router.class)
public final class ContainersRouter implements Router {
    private static final DateTimeFormatter LOG_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.nnnnnnnnnXXX").withZone(ZoneOffset.UTC);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ContainerService containers;

    public ContainersRouter() {
    }

    /** For use without a framework. */
    public ContainersRouter(ContainerService containers) {
        this.containers = containers;
    }

    @Override
    public void routes(Routes r) {
        r.get("/containers/json", this::list)
                .post("/containers/create", this::create)
                .post("/containers/prune", this::prune)
                .get("/containers/{id}/json", this::inspect)
                .get("/containers/{id}/top", this::top)
                .get("/containers/{id}/logs", this::logs)
                .get("/containers/{id}/changes", this::changes)
                .get("/containers/{id}/export", this::export)
                .get("/containers/{id}/stats", this::stats)
                .post("/containers/{id}/resize", this::resize)
                .post("/containers/{id}/start", this::start)
                .post("/containers/{id}/stop", this::stop)
                .post("/containers/{id}/restart", this::restart)
                .post("/containers/{id}/kill", this::kill)
                .post("/containers/{id}/update", this::update)
                .post("/containers/{id}/rename", this::rename)
                .post("/containers/{id}/pause", this::pause)
                .post("/containers/{id}/unpause", this::unpause)
                .post("/containers/{id}/attach", this::attach)
                .get("/containers/{id}/attach/ws", this::attachWebSocket)
                .post("/containers/{id}/wait", this::await)
                .delete("/containers/{id:.*}", this::remove) // a link name is /parent/alias
                .head("/containers/{id}/archive", this::statPath)
                .get("/containers/{id}/archive", this::getArchive)
                .put("/containers/{id}/archive", this::putArchive)
                .post("/commit", this::commit);
    }

    private ContainerService service() {
        ContainerService s = containers;
        if (s == null) {
            throw new UnavailableException("the engine is not ready: its container service is not running");
        }
        return s;
    }

    private void list(ApiRequest req, ApiResponse res) {
        int limit = (int) req.integer("limit", -1);
        List<ContainerSummary> rows = service().list(new ListOptions(req.bool("all"), limit, req.bool("size"),
                req.filters()));
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (ContainerSummary s : rows) {
            out.add(ContainersJson.summary(s));
        }
        res.json(out);
    }

    private void create(ApiRequest req, ApiResponse res) {
        ContainerCreateRequest body = ContainerRequests.create(req.json(JsonNode.class));
        CreateResult r = service().create(req.query("name"), body);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Id", r.id());
        out.put("Warnings", r.warnings());
        res.json(201, out);
    }

    private void inspect(ApiRequest req, ApiResponse res) {
        ContainerDetails d = service().inspect(req.param("id"), req.bool("size"));
        res.json(ContainersJson.details(d));
    }

    private void top(ApiRequest req, ApiResponse res) {
        TopResult t = service().top(req.param("id"), req.query("ps_args"));
        res.json(Map.of("Titles", t.titles(), "Processes", t.processes()));
    }

    private void changes(ApiRequest req, ApiResponse res) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (StorageDriver.Change c : service().changes(req.param("id"))) {
            out.add(Map.of("Path", c.path(), "Kind", c.kind()));
        }
        res.json(out);
    }

    private void export(ApiRequest req, ApiResponse res) {
        ContainerService s = service();
        String id = req.param("id");
        s.inspect(id, false); // 404 before the stream starts
        BodyStream out = BodyStream.open(res, "application/x-tar");
        try {
            s.export(id, out);
            out.close();
        } catch (RuntimeException e) {
            out.abort(e);
        }
    }

    private void start(ApiRequest req, ApiResponse res) {
        if (req.hasQuery("checkpoint") && !req.query("checkpoint").isEmpty()) {
            throw new InvalidArgumentException("checkpoints are not supported");
        }
        service().start(req.param("id"));
        res.noContent();
    }

    private void stop(ApiRequest req, ApiResponse res) {
        service().stop(req.param("id"), req.query("signal"), timeout(req));
        res.noContent();
    }

    private void restart(ApiRequest req, ApiResponse res) {
        service().restart(req.param("id"), req.query("signal"), timeout(req));
        res.noContent();
    }

    private static Integer timeout(ApiRequest req) {
        String t = req.query("t");
        return t == null || t.isEmpty() ? null : (int) req.integer("t", 10);
    }

    private void kill(ApiRequest req, ApiResponse res) {
        service().kill(req.param("id"), req.query("signal"));
        res.noContent();
    }

    private void pause(ApiRequest req, ApiResponse res) {
        service().pause(req.param("id"));
        res.noContent();
    }

    private void unpause(ApiRequest req, ApiResponse res) {
        service().unpause(req.param("id"));
        res.noContent();
    }

    private void rename(ApiRequest req, ApiResponse res) {
        service().rename(req.param("id"), req.query("name"));
        res.noContent();
    }

    private void update(ApiRequest req, ApiResponse res) {
        JsonNode body = req.json(JsonNode.class);
        if (body == null) {
            throw new InvalidArgumentException("invalid JSON: empty body");
        }
        GoFields update = GoFields.of(body, "UpdateConfig", "container.UpdateConfig");
        ContainerResources r = ContainerRequests.resources(update);
        HostConfig.RestartPolicy rp = ContainerRequests.restartPolicy(update);
        List<String> warnings = service().update(req.param("id"), r, rp);
        res.json(Map.of("Warnings", warnings));
    }

    private void resize(ApiRequest req, ApiResponse res) {
        int h = (int) req.integer("h", 0);
        int w = (int) req.integer("w", 0);
        service().resize(req.param("id"), h, w);
        res.end();
    }

    private void remove(ApiRequest req, ApiResponse res) {
        service().remove(req.param("id"), req.bool("force"), req.bool("v"), req.bool("link"));
        res.noContent();
    }

    private void prune(ApiRequest req, ApiResponse res) {
        PruneReport r = service().prune(req.filters());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ContainersDeleted", r.deleted().isEmpty() ? null : r.deleted());
        out.put("SpaceReclaimed", r.spaceReclaimed());
        res.json(out);
    }

    private void await(ApiRequest req, ApiResponse res) throws IOException {
        String cond = req.query("condition");
        WaitCondition condition = switch (cond == null || cond.isEmpty() ? "not-running" : cond) {
            case "not-running" -> WaitCondition.NOT_RUNNING;
            case "next-exit" -> WaitCondition.NEXT_EXIT;
            case "removed" -> WaitCondition.REMOVED;
            default -> throw new InvalidArgumentException("invalid condition: \"" + cond + "\"");
        };
        CompletableFuture<WaitResult> f = service().await(req.param("id"), condition).toCompletableFuture();
        if (f.isCompletedExceptionally()) {
            f.join(); // 404 before anything is sent
        }
        // the headers go out now, so that the client knows the wait is in place before it starts the container
        BodyStream out = BodyStream.open(res, "application/json");
        out.commit();
        req.jetty().addFailureListener(t -> out.abort(t));
        f.whenComplete((r, t) -> {
            try {
                Map<String, Object> body = new LinkedHashMap<>();
                if (t != null) {
                    Throwable cause = t instanceof java.util.concurrent.CompletionException ? t.getCause() : t;
                    body.put("StatusCode", -1);
                    body.put("Error", Map.of("Message", String.valueOf(cause.getMessage())));
                } else {
                    body.put("StatusCode", r.statusCode());
                    body.put("Error", r.error() == null ? null : Map.of("Message", r.error()));
                }
                out.write(req.codec().writeLine(body));
                out.close();
            } catch (IOException e) {
                out.abort(e);
            }
        });
    }

    private void logs(ApiRequest req, ApiResponse res) throws Exception {
        boolean stdout = req.bool("stdout");
        boolean stderr = req.bool("stderr");
        if (!stdout && !stderr) {
            throw new InvalidArgumentException("Bad parameters: you must choose at least one stream");
        }
        String id = req.param("id");
        ContainerDetails d = service().inspect(id, false);
        boolean tty = d.config().tty();
        long since = unixNanos(req.query("since"));
        long until = unixNanos(req.query("until"));
        String tailText = req.query("tail");
        int tail = tailText == null || tailText.isEmpty() || tailText.equals("all") ? -1 : parseTail(tailText);
        boolean timestamps = req.bool("timestamps");
        LogQuery q = new LogQuery(since, until, tail, req.bool("follow"), stdout, stderr);
        String type = tty ? Hijack.RAW_STREAM
                : req.version().lessThan("1.42") ? Hijack.RAW_STREAM : Hijack.MULTIPLEXED_STREAM;
        BodyStream out = BodyStream.open(res, type);
        CompletableFuture<Void> done = new CompletableFuture<>();
        AtomicReference<Subscription> sub = new AtomicReference<>();
        req.jetty().addFailureListener(t -> {
            done.complete(null);
            Subscription s = sub.get();
            if (s != null) {
                s.close();
            }
        });
        try {
            out.commit();
            sub.set(service().logs(id, q, m -> {
                byte[] line = m.line();
                if (timestamps) {
                    byte[] ts = (LOG_TIME.format(Instant.ofEpochSecond(0, m.timeNano())) + " ")
                            .getBytes(StandardCharsets.US_ASCII);
                    byte[] joined = new byte[ts.length + line.length];
                    System.arraycopy(ts, 0, joined, 0, ts.length);
                    System.arraycopy(line, 0, joined, ts.length, line.length);
                    line = joined;
                }
                try {
                    synchronized (out) {
                        if (tty) {
                            out.write(line);
                        } else {
                            int stream = m.source().equals("stderr") ? StdStreamFrame.STDERR : StdStreamFrame.STDOUT;
                            out.write(StdStreamFrame.frame(stream, line, 0, line.length).array());
                        }
                        out.flush();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, () -> done.complete(null)));
            done.get();
        } finally {
            Subscription s = sub.get();
            if (s != null) {
                s.close();
            }
            out.close();
        }
    }

    private static int parseTail(String t) {
        try {
            return Integer.parseInt(t.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The CLI sends since/until as Unix seconds with an optional 9-digit fraction. */
    private static long unixNanos(String v) {
        if (v == null || v.isEmpty() || v.equals("0")) {
            return 0;
        }
        try {
            int dot = v.indexOf('.');
            if (dot < 0) {
                return Long.parseLong(v) * 1_000_000_000L;
            }
            String frac = (v.substring(dot + 1) + "000000000").substring(0, 9);
            return Long.parseLong(v.substring(0, dot)) * 1_000_000_000L + Long.parseLong(frac);
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("invalid value for time: " + v);
        }
    }

    private void stats(ApiRequest req, ApiResponse res) throws Exception {
        String id = req.param("id");
        boolean stream = req.bool("stream", true);
        boolean oneShot = req.bool("one-shot");
        ContainerService s = service();
        s.inspect(id, false);
        if (!stream) {
            // dockerd takes two samples a second apart, so that the CPU percentage can be computed
            int needed = oneShot ? 1 : 2;
            List<StatsSample> samples = new ArrayList<>();
            CompletableFuture<Void> done = new CompletableFuture<>();
            Subscription sub = s.stats(id, !oneShot, sample -> {
                synchronized (samples) {
                    samples.add(sample);
                    if (samples.size() >= needed) {
                        done.complete(null);
                    }
                }
            }, () -> done.complete(null));
            try {
                done.get(30, java.util.concurrent.TimeUnit.SECONDS);
            } finally {
                sub.close();
            }
            synchronized (samples) {
                if (samples.isEmpty()) {
                    throw new NotFoundException("no stats for container " + id);
                }
                StatsSample last = samples.get(samples.size() - 1);
                StatsSample prev = samples.size() > 1 ? samples.get(samples.size() - 2) : null;
                res.json(ContainersJson.stats(last, prev));
            }
            return;
        }
        JsonLineStream out = res.jsonLines();
        AtomicReference<StatsSample> previous = new AtomicReference<>();
        AtomicReference<Subscription> sub = new AtomicReference<>();
        out.onClose(() -> {
            Subscription x = sub.getAndSet(null);
            if (x != null) {
                x.close();
            }
        });
        Subscription x = s.stats(id, true, sample -> {
            if (!out.send(ContainersJson.stats(sample, previous.getAndSet(sample)))) {
                Subscription y = sub.getAndSet(null);
                if (y != null) {
                    y.close();
                }
            }
        }, out::close);
        sub.set(x);
        if (!out.isOpen()) {
            x.close();
        }
    }

    private void attach(ApiRequest req, ApiResponse res) {
        String id = req.param("id");
        ContainerService s = service();
        ContainerDetails d = s.inspect(id, false);
        boolean tty = d.config().tty();
        AttachOptions options = new AttachOptions(req.bool("stdin"), req.bool("stdout"), req.bool("stderr"),
                req.bool("logs"), req.bool("stream"), req.query("detachKeys"));
        if (options.detachKeys() != null && !options.detachKeys().isEmpty()) {
            validateDetachKeys(options.detachKeys());
        }
        Hijack.take(req, res, tty ? Hijack.RAW_STREAM : Hijack.MULTIPLEXED_STREAM, (stream, ready) -> {
            StreamSink sink = new StreamSink(stream, tty, ready);
            try {
                s.attach(id, options, stream.input(), sink);
            } catch (RuntimeException e) {
                sink.error(e.getMessage());
            }
        });
    }

    /** The WebSocket attach browser-based tools use: raw output (no multiplexing) whatever the TTY, as dockerd. */
    private void attachWebSocket(ApiRequest req, ApiResponse res) {
        String id = req.param("id");
        ContainerService s = service();
        s.inspect(id, false);
        AttachOptions options = new AttachOptions(req.bool("stdin"), req.bool("stdout"), req.bool("stderr"),
                req.bool("logs"), req.bool("stream"), req.query("detachKeys"));
        if (options.detachKeys() != null && !options.detachKeys().isEmpty()) {
            validateDetachKeys(options.detachKeys());
        }
        Hijack.takeWebSocket(req, res, (stream, ready) -> {
            StreamSink sink = new StreamSink(stream, true, ready);
            try {
                s.attach(id, options, stream.input(), sink);
            } catch (RuntimeException e) {
                sink.error(e.getMessage());
            }
        });
    }

    static void validateDetachKeys(String keys) {
        for (String k : keys.split(",")) {
            String t = k.trim();
            if (!(t.length() == 1 || t.length() == 6 && t.toLowerCase().startsWith("ctrl-"))) {
                throw new InvalidArgumentException("Invalid detach keys (" + keys + ") provided");
            }
        }
    }

    private void statPath(ApiRequest req, ApiResponse res) {
        PathStat st = service().statPath(req.param("id"), path(req));
        res.header("X-Docker-Container-Path-Stat", encode(req, st));
        res.end();
    }

    private void getArchive(ApiRequest req, ApiResponse res) {
        ContainerService s = service();
        String id = req.param("id");
        String path = path(req);
        PathStat st = s.statPath(id, path);
        res.header("X-Docker-Container-Path-Stat", encode(req, st));
        BodyStream out = BodyStream.open(res, "application/x-tar");
        try {
            s.getArchive(id, path, out);
            out.close();
        } catch (RuntimeException e) {
            out.abort(e);
        }
    }

    private void putArchive(ApiRequest req, ApiResponse res) {
        service().putArchive(req.param("id"), path(req), req.body(), req.bool("noOverwriteDirNonDir"),
                req.bool("copyUIDGID"));
        res.end();
    }

    private static String path(ApiRequest req) {
        String p = req.query("path");
        if (p == null || p.isEmpty()) {
            throw new InvalidArgumentException("bad parameter: path cannot be empty");
        }
        return p;
    }

    private static String encode(ApiRequest req, PathStat st) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", st.name());
        m.put("size", st.size());
        m.put("mode", st.mode());
        m.put("mtime", st.mtime());
        m.put("linkTarget", st.linkTarget());
        return Base64.getEncoder().encodeToString(req.codec().write(m));
    }

    private void commit(ApiRequest req, ApiResponse res) {
        JsonNode body = req.json(JsonNode.class);
        String container = req.query("container");
        if (container == null || container.isEmpty()) {
            throw new InvalidArgumentException("No container name or ID supplied");
        }
        CommitOptions options = new CommitOptions(req.query("repo"), req.query("tag"), req.query("comment"),
                req.query("author"), req.bool("pause", true), req.queryValues("changes"),
                body == null || body.isNull() || body.isEmpty() ? null : ContainerRequests.config(body));
        String imageId = service().commit(container, options);
        res.json(201, Map.of("Id", imageId));
    }

    /** For the exec router: the framing a process's output gets. */
    static StdStream stream(int id) {
        return id == 2 ? StdStream.STDERR : StdStream.STDOUT;
    }
}
