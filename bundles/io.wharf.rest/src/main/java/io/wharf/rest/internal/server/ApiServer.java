package io.wharf.rest.internal.server;

import io.wharf.api.system.SystemService;
import io.wharf.rest.internal.json.JsonCodec;
import io.wharf.rest.internal.router.RouteTable;
import io.wharf.rest.internal.router.Router;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the Jetty server of the Docker Engine API and its connectors, one per configured {@code -H} address.
 * Routers come and go as services; the route table is rebuilt each time. A configuration change restarts
 * the connectors; a configuration that cannot be served (plain TCP off loopback, missing TLS files) fails
 * with a message saying why.
 */
@Component(service = {}, immediate = true, configurationPid = ApiServer.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ServerConfig.class)
public final class ApiServer {
    /** This component's configuration; the launcher fills it from daemon.json and the command line. */
    public static final String PID = "io.wharf.rest";

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private final JsonCodec codec = new JsonCodec();
    private final List<Router> routers = new CopyOnWriteArrayList<>();
    private volatile SystemService system;
    private Running running;

    @Activate
    public ApiServer(ServerConfig config) throws Exception {
        this(ServerSettings.from(config));
    }

    ApiServer(ServerSettings settings) throws Exception {
        this.running = start(settings);
    }

    @Modified
    void modified(ServerConfig config) throws Exception {
        restart(ServerSettings.from(config));
    }

    synchronized void restart(ServerSettings settings) throws Exception {
        Running old = running;
        running = null;
        if (old != null) {
            old.stop();
        }
        running = start(settings);
    }

    @Deactivate
    public synchronized void stop() {
        if (running != null) {
            running.stop();
            running = null;
        }
    }

    @Reference(service = Router.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindRouter(Router router) {
        routers.add(router);
        publishRoutes();
    }

    void unbindRouter(Router router) {
        routers.remove(router);
        publishRoutes();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindSystemService(SystemService service) {
        system = service;
        Running r = currentRunning();
        if (r != null) {
            r.handler.setSystemService(service);
        }
    }

    void unbindSystemService(SystemService service) {
        if (system == service) {
            system = null;
            Running r = currentRunning();
            if (r != null) {
                r.handler.setSystemService(null);
            }
        }
    }

    /** The bound TCP ports in configuration order, for tests listening on port 0. */
    synchronized List<Integer> tcpPorts() {
        List<Integer> ports = new ArrayList<>();
        if (running != null) {
            for (Connector c : running.server.getConnectors()) {
                if (c instanceof ServerConnector sc) {
                    ports.add(sc.getLocalPort());
                }
            }
        }
        return ports;
    }

    private synchronized Running currentRunning() {
        return running;
    }

    private synchronized void publishRoutes() {
        if (running != null) {
            running.handler.setRoutes(new RouteTable(routers));
        }
    }

    private Running start(ServerSettings settings) throws Exception {
        List<ListenAddress> addresses = new ArrayList<>();
        for (String host : settings.hosts()) {
            addresses.add(ListenAddress.parse(host, settings.tls() || settings.tlsVerify()));
        }
        QueuedThreadPool threads = new QueuedThreadPool(256, 4);
        threads.setName("wharf-api");
        // threads a burst of clients started go after 10 s idle rather than Jetty's 60: each keeps its stack
        threads.setIdleTimeout(10_000);
        Server server = new Server(threads);
        ConnectorFactory factory = new ConnectorFactory(settings);
        List<Path> sockets = new ArrayList<>();
        for (ListenAddress a : addresses) {
            AbstractConnector c = factory.create(server, a);   // refuses what may not be served before binding
            server.addConnector(c);
            if (a instanceof ListenAddress.Unix u) {
                sockets.add(u.path());
            }
        }
        ApiHandler handler = new ApiHandler(codec, settings.maxJsonBody(), settings.experimental());
        handler.setRoutes(new RouteTable(routers));
        handler.setSystemService(system);
        server.setHandler(handler);
        server.setErrorHandler(new JsonErrorHandler());
        server.setStopTimeout(2_000);
        for (Path socket : sockets) {
            UnixSocketFile.prepare(socket);
        }
        Running r = new Running(server, handler, sockets);
        try {
            server.start();
            for (Path socket : sockets) {
                UnixSocketFile.secure(socket, settings.group());
            }
        } catch (Exception e) {
            r.stop();
            throw e;
        }
        LOG.info("API listening on {}", settings.hosts());
        return r;
    }

    /** One started Jetty server and the socket files it owns. */
    private record Running(Server server, ApiHandler handler, List<Path> sockets) {
        void stop() {
            try {
                server.stop();
            } catch (Exception e) {
                LOG.warn("stopping the API server failed", e);
            }
            for (Path socket : sockets) {
                try {
                    Files.deleteIfExists(socket);
                } catch (IOException e) {
                    LOG.warn("cannot remove {}", socket, e);
                }
            }
        }
    }
}
