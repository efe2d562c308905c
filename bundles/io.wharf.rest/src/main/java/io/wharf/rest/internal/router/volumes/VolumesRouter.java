package io.wharf.rest.internal.router.volumes;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.api.common.Filters;
import io.wharf.api.errors.UnavailableException;
import io.wharf.api.volume.VolumeService;
import io.wharf.rest.internal.router.ApiRequest;
import io.wharf.rest.internal.router.ApiResponse;
import io.wharf.rest.internal.router.Router;
import io.wharf.rest.internal.router.Routes;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** {@code /volumes}: list, create, inspect, remove and prune. */
@Component(service = Router.class)
public final class VolumesRouter implements Router {
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile VolumeService volumes;

    public VolumesRouter() {
    }

    /** For use without a framework. */
    public VolumesRouter(VolumeService volumes) {
        this.volumes = volumes;
    }

    @Override
    public void routes(Routes r) {
        r.get("/volumes", this::list)
                .post("/volumes/create", this::create)
                .post("/volumes/prune", this::prune)
                .get("/volumes/{name}", this::inspect)
                .delete("/volumes/{name}", this::remove);
    }

    private void list(ApiRequest req, ApiResponse res) {
        res.json(VolumesJson.list(service().list(req.filters())));
    }

    private void create(ApiRequest req, ApiResponse res) {
        VolumesJson.CreateRequest body = VolumesJson.CreateRequest.of(req.json(JsonNode.class));
        res.json(201, VolumesJson.volume(service().create(body.name(), body.driver(), body.driverOpts(),
                body.labels())));
    }

    private void inspect(ApiRequest req, ApiResponse res) {
        res.json(VolumesJson.volume(service().inspect(req.param("name"))));
    }

    private void remove(ApiRequest req, ApiResponse res) {
        service().remove(req.param("name"), req.bool("force"));
        res.noContent();
    }

    private void prune(ApiRequest req, ApiResponse res) {
        Filters filters = req.filters();
        // Before API 1.42 a prune removed named volumes too; dockerd keeps that for old clients.
        if (req.version().lessThan("1.42") && !filters.has("all")) {
            filters = filters.with("all", "true");
        }
        res.json(VolumesJson.prune(service().prune(filters)));
    }

    private VolumeService service() {
        VolumeService s = volumes;
        if (s == null) {
            throw new UnavailableException("the engine is not ready: its volume service is not running");
        }
        return s;
    }
}
