package io.wharf.rest.internal.router.networks;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.rest.internal.json.GoFields;
import io.wharf.api.errors.UnavailableException;
import io.wharf.api.network.NetworkService;
import io.wharf.rest.internal.router.ApiRequest;
import io.wharf.rest.internal.router.ApiResponse;
import io.wharf.rest.internal.router.Router;
import io.wharf.rest.internal.router.Routes;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** {@code /networks}: list, inspect, create, connect, disconnect, remove and prune. */
@Component(service = Router.class)
public final class NetworksRouter implements Router {
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile NetworkService networks;

    public NetworksRouter() {
    }

    /** For use without a framework. */
    public NetworksRouter(NetworkService networks) {
        this.networks = networks;
    }

    @Override
    public void routes(Routes r) {
        r.get("/networks", this::list)
                .post("/networks/create", this::create)
                .post("/networks/prune", this::prune)
                .get("/networks/{id}", this::inspect)
                .post("/networks/{id}/connect", this::connect)
                .post("/networks/{id}/disconnect", this::disconnect)
                .delete("/networks/{id}", this::remove);
    }

    private void list(ApiRequest req, ApiResponse res) {
        res.json(service().list(req.filters()).stream().map(NetworksJson::network).toList());
    }

    private void inspect(ApiRequest req, ApiResponse res) {
        res.json(NetworksJson.network(service().inspect(req.param("id"), req.bool("verbose"))));
    }

    private void create(ApiRequest req, ApiResponse res) {
        String[] created = service().create(NetworksJson.createRequest(req.json(JsonNode.class)));
        res.json(201, Map.of("Id", created[0], "Warning", created.length > 1 ? created[1] : ""));
    }

    private void connect(ApiRequest req, ApiResponse res) {
        GoFields body = NetworksJson.connectBody(req.json(JsonNode.class), "ConnectOptions");
        service().connect(req.param("id"), body.string("Container", ""), NetworksJson.endpoint(body));
        res.status(200).end();
    }

    private void disconnect(ApiRequest req, ApiResponse res) {
        GoFields body = NetworksJson.connectBody(req.json(JsonNode.class), "DisconnectOptions");
        service().disconnect(req.param("id"), body.string("Container", ""), body.bool("Force"));
        res.status(200).end();
    }

    private void remove(ApiRequest req, ApiResponse res) {
        service().remove(req.param("id"));
        res.noContent();
    }

    private void prune(ApiRequest req, ApiResponse res) {
        res.json(Map.of("NetworksDeleted", service().prune(req.filters()).deleted()));
    }

    private NetworkService service() {
        NetworkService s = networks;
        if (s == null) {
            throw new UnavailableException("the engine is not ready: its network service is not running");
        }
        return s;
    }
}
