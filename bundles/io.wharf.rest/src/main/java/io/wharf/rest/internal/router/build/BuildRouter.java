package io.wharf.rest.internal.router.build;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.api.build.BuildOptions;
import io.wharf.api.build.BuildService;
import io.wharf.api.common.PruneReport;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.errors.UnavailableException;
import io.wharf.api.registry.Credentials;
import io.wharf.rest.internal.router.ApiRequest;
import io.wharf.rest.internal.router.ApiResponse;
import io.wharf.rest.internal.router.Router;
import io.wharf.rest.internal.router.Routes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** {@code POST /build} (the classic builder: a tar context in the body) and {@code POST /build/prune}. */
@Component(service = Router.class)
public final class BuildRouter implements Router {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile BuildService builder;

    public BuildRouter() {
    }

    /** For use without a framework. */
    public BuildRouter(BuildService builder) {
        this.builder = builder;
    }

    @Override
    public void routes(Routes r) {
        r.post("/build", this::build).post("/build/prune", this::prune).post("/build/cancel", this::cancel);
    }

    private BuildService service() {
        BuildService s = builder;
        if (s == null) {
            throw new UnavailableException("the engine is not ready: its build service is not running");
        }
        return s;
    }

    private void build(ApiRequest req, ApiResponse res) throws Exception {
        BuildService s = service();
        String version = req.query("version");
        if ("2".equals(version)) {
            throw new InvalidArgumentException("BuildKit is not supported: build with DOCKER_BUILDKIT=0");
        }
        BuildOptions o = options(req);
        BuildStream stream = new BuildStream(res);
        stream.run(() -> s.build(req.body(), o, stream));
    }

    static BuildOptions options(ApiRequest req) {
        String remote = req.query("remote");
        if (remote != null && !remote.isEmpty()) {
            throw new InvalidArgumentException("building from a remote context is not supported; send the context");
        }
        return new BuildOptions(req.query("dockerfile"), req.queryValues("t"), nullableMap(req.query("buildargs")),
                stringMap(req.query("labels")), req.query("target"), req.bool("nocache"), req.bool("pull"),
                req.bool("rm", true), req.bool("forcerm"), req.bool("q"), req.query("networkmode"),
                extraHosts(req), list(req.query("cachefrom")), req.query("platform"), req.integer("shmsize", 0),
                req.integer("memory", 0), req.integer("memswap", 0), req.integer("cpushares", 0),
                req.integer("cpuperiod", 0), req.integer("cpuquota", 0), req.query("cpusetcpus"),
                req.query("cpusetmems"), registryConfig(req.header("X-Registry-Config")));
    }

    /** The CLI sends each {@code --add-host} as its own value; some clients send one comma-separated list. */
    private static List<String> extraHosts(ApiRequest req) {
        List<String> out = new ArrayList<>();
        for (String v : req.queryValues("extrahosts")) {
            for (String h : v.split(",")) {
                if (!h.isBlank()) {
                    out.add(h.strip());
                }
            }
        }
        return out;
    }

    private static Map<String, String> nullableMap(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            Map<String, String> m = JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() { });
            return m == null ? Map.of() : m;
        } catch (Exception e) {
            throw new InvalidArgumentException("invalid JSON in query parameter: " + e.getMessage());
        }
    }

    private static Map<String, String> stringMap(String json) {
        Map<String, String> m = new LinkedHashMap<>(nullableMap(json));
        m.replaceAll((k, v) -> v == null ? "" : v);
        return m;
    }

    private static List<String> list(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            List<String> l = JSON.readValue(json, new TypeReference<List<String>>() { });
            return l == null ? List.of() : l;
        } catch (Exception e) {
            throw new InvalidArgumentException("invalid JSON in query parameter: " + e.getMessage());
        }
    }

    /** {@code X-Registry-Config}: base64url of a JSON object from registry to credentials. */
    public static Map<String, Credentials> registryConfig(String header) {
        Map<String, Credentials> out = new LinkedHashMap<>();
        if (header == null || header.isBlank()) {
            return out;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(header.strip().replace('+', '-').replace('/', '_')
                    .replace("=", "")), StandardCharsets.UTF_8);
            Map<String, Object> m = JSON.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() { });
            if (m != null) {
                for (Map.Entry<String, Object> e : m.entrySet()) {
                    out.put(e.getKey(), Credentials.fromJson(JSON.writeValueAsString(e.getValue())));
                }
            }
        } catch (Exception e) {
            throw new InvalidArgumentException("invalid X-Registry-Config header: " + e.getMessage());
        }
        return out;
    }

    private void prune(ApiRequest req, ApiResponse res) {
        PruneReport r = service().prune(req.bool("all"), req.filters());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("CachesDeleted", r.deleted());
        m.put("SpaceReclaimed", r.spaceReclaimed());
        res.json(m);
    }

    private void cancel(ApiRequest req, ApiResponse res) {
        res.status(200).end();
    }
}
