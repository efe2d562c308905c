package io.wharf.rest.internal.router.plugins;

import io.wharf.api.common.ProgressMessage;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.errors.NotImplementedException;
import io.wharf.api.errors.UnavailableException;
import io.wharf.api.image.ImageReference;
import io.wharf.api.plugin.PluginDetails;
import io.wharf.api.plugin.PluginService;
import io.wharf.api.registry.Credentials;
import io.wharf.rest.internal.json.ProgressJson;
import io.wharf.rest.internal.router.ApiRequest;
import io.wharf.rest.internal.router.ApiResponse;
import io.wharf.rest.internal.router.JsonLineStream;
import io.wharf.rest.internal.router.Router;
import io.wharf.rest.internal.router.Routes;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code /plugins}: driver bundles as Docker plugins. Install and upgrade answer once the bundle is in place,
 * with the progress as a JSON stream and the plugin's name in {@code Docker-Plugin-Name}, which the client
 * enables next.
 */
@Component(service = Router.class)
public final class PluginsRouter implements Router {
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PluginService plugins;

    public PluginsRouter() {
    }

    /** For use without a framework. */
    public PluginsRouter(PluginService plugins) {
        this.plugins = plugins;
    }

    @Override
    public void routes(Routes r) {
        r.get("/plugins", this::list)
                .get("/plugins/privileges", this::privileges)
                .post("/plugins/pull", this::pull)
                .post("/plugins/create", this::create)
                .get("/plugins/{name}/json", this::inspect)
                .post("/plugins/{name}/enable", this::enable)
                .post("/plugins/{name}/disable", this::disable)
                .post("/plugins/{name}/upgrade", this::upgrade)
                .post("/plugins/{name}/set", this::set)
                .post("/plugins/{name}/push", this::push)
                .delete("/plugins/{name}", this::remove);
    }

    private void list(ApiRequest req, ApiResponse res) {
        res.json(PluginsJson.list(service().list(req.filters())));
    }

    private void inspect(ApiRequest req, ApiResponse res) {
        res.json(PluginsJson.plugin(service().inspect(req.param("name"))));
    }

    /** A bundle runs inside the daemon and asks for no privileges of its own. */
    private void privileges(ApiRequest req, ApiResponse res) {
        remote(req);
        res.json(List.of());
    }

    private void pull(ApiRequest req, ApiResponse res) {
        String remote = remote(req);
        List<ProgressMessage> progress = new ArrayList<>();
        PluginDetails p = service().install(remote, credentials(req), m -> {
            synchronized (progress) {
                progress.add(m);
            }
        });
        stream(res, p, progress);
    }

    private void upgrade(ApiRequest req, ApiResponse res) {
        String remote = remote(req);
        List<ProgressMessage> progress = new ArrayList<>();
        PluginDetails p = service().upgrade(req.param("name"), remote, credentials(req), m -> {
            synchronized (progress) {
                progress.add(m);
            }
        });
        stream(res, p, progress);
    }

    private void create(ApiRequest req, ApiResponse res) {
        String name = req.query("name");
        if (name == null || name.isEmpty()) {
            throw new InvalidArgumentException("name cannot be empty");
        }
        service().create(name, req.body());
        res.noContent();
    }

    private void enable(ApiRequest req, ApiResponse res) {
        service().enable(req.param("name"));
        res.status(200).end();
    }

    private void disable(ApiRequest req, ApiResponse res) {
        service().disable(req.param("name"), req.bool("force"));
        res.status(200).end();
    }

    private void remove(ApiRequest req, ApiResponse res) {
        service().remove(req.param("name"), req.bool("force"));
        res.status(200).end();
    }

    /** A driver bundle has no settings of its own: it reads the engine's configuration. */
    private void set(ApiRequest req, ApiResponse res) {
        service().inspect(req.param("name"));
        throw new NotImplementedException("plugin settings are not supported: a driver bundle is configured "
                + "through daemon.json and the daemon's flags");
    }

    /** Bundles are pushed as OCI artifacts with a registry client, as the README describes. */
    private void push(ApiRequest req, ApiResponse res) {
        service().inspect(req.param("name"));
        throw new NotImplementedException("pushing a plugin is not supported: push the bundle jar as an OCI "
                + "artifact of media type " + PluginService.BUNDLE_MEDIA_TYPE);
    }

    private static void stream(ApiResponse res, PluginDetails p, List<ProgressMessage> progress) {
        res.header("Docker-Plugin-Name", p.fullName());
        JsonLineStream lines = res.jsonLines();
        synchronized (progress) {
            for (ProgressMessage m : progress) {
                lines.send(ProgressJson.of(m));
            }
        }
        lines.close();
    }

    /** A registry reference, checked as dockerd checks it, or an absolute path to a jar on this host. */
    private static String remote(ApiRequest req) {
        String remote = req.query("remote");
        if (remote == null || remote.isEmpty()) {
            throw new InvalidArgumentException("remote cannot be empty");
        }
        if (!remote.startsWith("/")) {
            ImageReference.parse(remote);
        }
        return remote;
    }

    private static Credentials credentials(ApiRequest req) {
        return Credentials.fromRegistryAuthHeader(req.header("X-Registry-Auth"));
    }

    private PluginService service() {
        PluginService s = plugins;
        if (s == null) {
            throw new UnavailableException("the engine is not ready: its plugin service is not running");
        }
        return s;
    }
}
