package io.wharf.rest.internal.router.system;

import io.wharf.api.errors.UnavailableException;
import io.wharf.api.system.SystemService;
import io.wharf.api.system.VersionInfo;
import io.wharf.rest.internal.router.ApiRequest;
import io.wharf.rest.internal.router.ApiResponse;
import io.wharf.rest.internal.router.Router;
import io.wharf.rest.internal.router.Routes;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** {@code /_ping}, {@code /version}, {@code /info} and {@code /system/df}. */
@Component(service = Router.class)
public final class SystemRouter implements Router {
    private static final HttpField BUILDER = new PreEncodedHttpField("Builder-Version", "1");
    private static final HttpField CACHE = new PreEncodedHttpField(HttpHeader.CACHE_CONTROL,
            "no-cache, no-store, must-revalidate");
    private static final HttpField PRAGMA = new PreEncodedHttpField(HttpHeader.PRAGMA, "no-cache");
    private static final HttpField TEXT = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
    private static final byte[] OK = {'O', 'K'};

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SystemService system;

    /** The version changes only when runtimes come or go: encode it again only then. */
    private volatile CachedVersion version;

    public SystemRouter() {
    }

    /** For use without a framework. */
    public SystemRouter(SystemService system) {
        this.system = system;
    }

    @Override
    public void routes(Routes r) {
        r.nonBlocking("GET", "/_ping", this::ping)
                .nonBlocking("HEAD", "/_ping", this::ping)
                .nonBlocking("GET", "/version", this::version)
                .get("/info", this::info)
                .get("/system/df", this::diskUsage);
    }

    private void diskUsage(ApiRequest req, ApiResponse res) {
        java.util.List<String> types = req.queryValues("type");
        res.json(DiskUsageJson.of(service().diskUsage(types == null ? java.util.Set.of()
                : new java.util.LinkedHashSet<>(types))));
    }

    private void ping(ApiRequest req, ApiResponse res) {
        service().ping();
        res.header(TEXT).header(BUILDER).header(CACHE).header(PRAGMA).body(OK);
    }

    private void version(ApiRequest req, ApiResponse res) {
        VersionInfo current = service().version();
        CachedVersion v = version;
        if (v == null || !v.info.equals(current)) {
            v = new CachedVersion(current, req.codec().write(SystemJson.version(current)));
            version = v;
        }
        res.jsonBytes(v.json);
    }

    private void info(ApiRequest req, ApiResponse res) {
        res.json(SystemJson.info(service().info()));
    }

    private SystemService service() {
        SystemService s = system;
        if (s == null) {
            throw new UnavailableException("the engine is not ready: its system service is not running");
        }
        return s;
    }

    private record CachedVersion(VersionInfo info, byte[] json) {
    }
}
