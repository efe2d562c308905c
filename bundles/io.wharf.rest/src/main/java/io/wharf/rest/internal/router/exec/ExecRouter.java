package io.wharf.rest.internal.router.exec;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.api.container.ExecConfig;
import io.wharf.api.container.ExecDetails;
import io.wharf.api.container.ExecService;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.rest.internal.json.GoFields;
import io.wharf.api.errors.UnavailableException;
import io.wharf.rest.internal.router.ApiRequest;
import io.wharf.rest.internal.router.ApiResponse;
import io.wharf.rest.internal.router.Hijack;
import io.wharf.rest.internal.router.Router;
import io.wharf.rest.internal.router.Routes;
import io.wharf.rest.internal.router.StreamSink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** {@code docker exec}: create, start (hijacked unless detached), resize and inspect. */
@Component(service = Router.class)
public final class ExecRouter implements Router {
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ExecService execs;

    public ExecRouter() {
    }

    /** For use without a framework. */
    public ExecRouter(ExecService execs) {
        this.execs = execs;
    }

    @Override
    public void routes(Routes r) {
        r.post("/containers/{id}/exec", this::create)
                .post("/exec/{id}/start", this::start)
                .post("/exec/{id}/resize", this::resize)
                .get("/exec/{id}/json", this::inspect);
    }

    private ExecService service() {
        ExecService s = execs;
        if (s == null) {
            throw new UnavailableException("the engine is not ready: its exec service is not running");
        }
        return s;
    }

    private void create(ApiRequest req, ApiResponse res) {
        JsonNode json = req.json(JsonNode.class);
        if (json == null) {
            throw new InvalidArgumentException("No exec command specified");
        }
        GoFields n = GoFields.of(json, "ExecOptions", "container.ExecOptions");
        long[] console = n.unsignedArray("ConsoleSize", 2);
        int[] size = console == null ? null : new int[] {(int) Math.min(console[0], 65535),
                (int) Math.min(console[1], 65535)};
        ExecConfig cfg = new ExecConfig(n.bool("AttachStdin"), n.bool("AttachStdout"), n.bool("AttachStderr"),
                n.string("DetachKeys"), n.bool("Tty"), n.strings("Env"), n.strSlice("Cmd"), n.bool("Privileged"),
                n.string("User"), n.string("WorkingDir"), size);
        String id = service().create(req.param("id"), cfg);
        res.json(201, Map.of("Id", id));
    }

    private void start(ApiRequest req, ApiResponse res) {
        GoFields n = GoFields.of(req.json(JsonNode.class), "ExecStartOptions", "container.ExecStartOptions");
        boolean detach = n.bool("Detach");
        boolean tty = n.bool("Tty");
        ExecService s = service();
        ExecDetails d = s.inspect(req.param("id"));
        if (d.running() || d.exitCode() != null) {
            throw new io.wharf.api.errors.ConflictException("Exec " + d.id() + " is already running");
        }
        if (detach) {
            s.start(req.param("id"), true, tty, null, null);
            res.end();
            return;
        }
        boolean raw = tty || d.tty();
        String id = req.param("id");
        Hijack.take(req, res, raw ? Hijack.RAW_STREAM : Hijack.MULTIPLEXED_STREAM, (stream, ready) -> {
            StreamSink sink = new StreamSink(stream, raw, ready);
            try {
                s.start(id, false, tty, stream.input(), sink);
            } catch (RuntimeException e) {
                sink.error(e.getMessage());
            }
        });
    }

    private void resize(ApiRequest req, ApiResponse res) {
        service().resize(req.param("id"), (int) req.integer("h", 0), (int) req.integer("w", 0));
        res.end();
    }

    private void inspect(ApiRequest req, ApiResponse res) {
        ExecDetails d = service().inspect(req.param("id"));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("CanRemove", d.canRemove());
        m.put("ContainerID", d.containerId());
        m.put("DetachKeys", d.detachKeys());
        m.put("ExitCode", d.exitCode());
        m.put("ID", d.id());
        m.put("OpenStderr", d.openStderr());
        m.put("OpenStdin", d.openStdin());
        m.put("OpenStdout", d.openStdout());
        Map<String, Object> pc = new LinkedHashMap<>();
        pc.put("arguments", d.arguments());
        pc.put("entrypoint", d.entrypoint());
        pc.put("privileged", d.privileged());
        pc.put("tty", d.tty());
        pc.put("user", d.user());
        pc.put("workingDir", d.workingDir());
        m.put("ProcessConfig", pc);
        m.put("Running", d.running());
        m.put("Pid", d.pid());
        res.json(m);
    }
}
