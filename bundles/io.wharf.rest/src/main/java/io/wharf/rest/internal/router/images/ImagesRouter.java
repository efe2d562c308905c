package io.wharf.rest.internal.router.images;

import io.wharf.api.common.PruneReport;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.errors.UnavailableException;
import io.wharf.api.image.ImageListOptions;
import io.wharf.api.image.ImageReference;
import io.wharf.api.image.ImageService;
import io.wharf.api.image.ImportOptions;
import io.wharf.api.registry.AuthService;
import io.wharf.api.registry.Credentials;
import io.wharf.api.registry.LoginResult;
import io.wharf.api.registry.Platform;
import io.wharf.rest.internal.router.ApiRequest;
import io.wharf.rest.internal.router.ApiResponse;
import io.wharf.rest.internal.router.Router;
import io.wharf.rest.internal.router.Routes;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.Callback;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** {@code /images/...}, {@code /auth} and {@code /distribution/{name}/json}. */
@Component(service = Router.class)
public final class ImagesRouter implements Router {
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ImageService images;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuthService auth;

    public ImagesRouter() {
    }

    /** For use without a framework. */
    public ImagesRouter(ImageService images, AuthService auth) {
        this.images = images;
        this.auth = auth;
    }

    @Override
    public void routes(Routes r) {
        r.get("/images/json", this::list)
                .post("/images/create", this::create)
                .post("/images/load", this::load)
                .get("/images/get", this::saveMany)
                .post("/images/prune", this::prune)
                .get("/images/{name:.*}/json", this::inspect)
                .get("/images/{name:.*}/history", this::history)
                .get("/images/{name:.*}/get", this::saveOne)
                .post("/images/{name:.*}/tag", this::tag)
                .post("/images/{name:.*}/push", this::push)
                .delete("/images/{name:.*}", this::remove)
                .post("/auth", this::auth)
                .get("/distribution/{name:.*}/json", this::distribution);
    }

    private ImageService service() {
        ImageService s = images;
        if (s == null) {
            throw new UnavailableException("the engine is not ready: its image service is not running");
        }
        return s;
    }

    private void list(ApiRequest req, ApiResponse res) {
        ImageListOptions o = new ImageListOptions(req.bool("all"), req.bool("digests"), req.bool("shared-size"),
                req.filters());
        res.json(service().list(o).stream().map(ImagesJson::summary).toList());
    }

    private void inspect(ApiRequest req, ApiResponse res) {
        res.json(ImagesJson.details(service().inspect(req.param("name"))));
    }

    private void history(ApiRequest req, ApiResponse res) {
        res.json(ImagesJson.history(service().history(req.param("name"))));
    }

    private void tag(ApiRequest req, ApiResponse res) {
        String repo = req.query("repo");
        if (repo == null || repo.isEmpty()) {
            throw new InvalidArgumentException("repository name must have at least one component");
        }
        service().tag(req.param("name"), repo, req.query("tag"));
        res.status(201).end();
    }

    private void remove(ApiRequest req, ApiResponse res) {
        res.json(ImagesJson.deleted(service().remove(req.param("name"), req.bool("force"), req.bool("noprune"))));
    }

    private void prune(ApiRequest req, ApiResponse res) {
        PruneReport r = service().prune(req.filters());
        Map<String, Object> m = new LinkedHashMap<>();
        List<Map<String, Object>> deleted = new ArrayList<>();
        r.deleted().forEach(id -> deleted.add(Map.of("Deleted", id)));
        m.put("ImagesDeleted", deleted.isEmpty() ? null : deleted);
        m.put("SpaceReclaimed", r.spaceReclaimed());
        res.json(m);
    }

    private void create(ApiRequest req, ApiResponse res) throws Exception {
        ImageService s = service();
        String fromSrc = req.query("fromSrc");
        String fromImage = req.query("fromImage");
        if (fromSrc != null && !fromSrc.isEmpty()) {
            if (!fromSrc.equals("-")) {
                throw new InvalidArgumentException("importing from a URL is not supported; send the archive as the body");
            }
            ImportOptions o = new ImportOptions(req.query("repo"), req.query("tag"), changes(req),
                    req.query("message"), req.query("platform"));
            ProgressStream p = new ProgressStream(res);
            p.run(() -> s.importImage(req.body(), o, p));
            return;
        }
        if (fromImage == null || fromImage.isEmpty()) {
            throw new InvalidArgumentException("fromImage or fromSrc must be given");
        }
        String reference = reference(fromImage, req.query("tag"));
        ImageReference.parse(reference);   // a bad reference is a 400 before any stream starts
        String platformText = req.query("platform");
        Platform platform = platformText == null || platformText.isEmpty() ? null : Platform.parse(platformText);
        Credentials credentials = Credentials.fromRegistryAuthHeader(req.header("X-Registry-Auth"));
        ProgressStream p = new ProgressStream(res);
        p.run(() -> s.pull(reference, platform, credentials, p));
    }

    /** {@code changes} may come as several parameters or, from older clients, as one. */
    private static List<String> changes(ApiRequest req) {
        return new ArrayList<>(req.queryValues("changes"));
    }

    static String reference(String image, String tag) {
        if (tag == null || tag.isEmpty()) {
            return image;
        }
        return ImageReference.isDigest(tag) ? image + "@" + tag : image + ":" + tag;
    }

    private void load(ApiRequest req, ApiResponse res) throws Exception {
        ImageService s = service();
        boolean quiet = req.bool("quiet");
        ProgressStream p = new ProgressStream(res);
        p.run(() -> s.load(req.body(), quiet, p));
    }

    private void push(ApiRequest req, ApiResponse res) throws Exception {
        ImageService s = service();
        String name = req.param("name");
        String tag = req.query("tag");
        ImageReference.parse(name);
        Credentials credentials = Credentials.fromRegistryAuthHeader(req.header("X-Registry-Auth"));
        ProgressStream p = new ProgressStream(res);
        p.run(() -> s.push(name, tag, credentials, p));
    }

    private void saveMany(ApiRequest req, ApiResponse res) throws Exception {
        List<String> names = req.queryValues("names");
        if (names.isEmpty()) {
            throw new InvalidArgumentException("no images named to save");
        }
        save(names, res);
    }

    private void saveOne(ApiRequest req, ApiResponse res) throws Exception {
        save(List.of(req.param("name")), res);
    }

    private void save(List<String> names, ApiResponse res) throws Exception {
        ImageService s = service();
        for (String n : names) {
            s.inspect(n);   // unknown names are a 404 before the archive starts
        }
        res.header("Content-Type", "application/x-tar");
        Callback callback = res.detach();
        OutputStream out = Content.Sink.asOutputStream(res.jetty());
        try {
            s.save(names, out);
            out.close();
        } catch (Exception e) {
            callback.failed(e);
            return;
        }
        callback.succeeded();
    }

    private void auth(ApiRequest req, ApiResponse res) {
        AuthService a = auth;
        if (a == null) {
            throw new UnavailableException("the engine is not ready: its registry service is not running");
        }
        byte[] body;
        try (var in = req.body()) {
            body = in.readNBytes(1 << 20);
        } catch (java.io.IOException e) {
            throw new InvalidArgumentException("reading the request body failed: " + e.getMessage());
        }
        Credentials c = Credentials.fromJson(new String(body, StandardCharsets.UTF_8));
        LoginResult r = a.login(c);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Status", r.status());
        if (!r.identityToken().isEmpty()) {
            m.put("IdentityToken", r.identityToken());
        }
        res.json(m);
    }

    private void distribution(ApiRequest req, ApiResponse res) {
        Credentials credentials = Credentials.fromRegistryAuthHeader(req.header("X-Registry-Auth"));
        res.json(ImagesJson.distribution(service().distribution(req.param("name"), credentials)));
    }
}
