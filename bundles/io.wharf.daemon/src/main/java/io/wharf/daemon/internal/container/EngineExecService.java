package io.wharf.daemon.internal.container;

import io.wharf.api.container.ExecConfig;
import io.wharf.api.container.ExecDetails;
import io.wharf.api.container.ExecService;
import io.wharf.api.container.OutputSink;
import java.io.InputStream;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code docker exec}: the exec service, over the container service's execs. */
@Component(service = ExecService.class)
public final class EngineExecService implements ExecService {
    private final EngineContainerService containers;

    @Activate
    public EngineExecService(@Reference EngineContainerService containers) {
        this.containers = containers;
    }

    @Override
    public String create(String containerId, ExecConfig config) {
        return containers.execs().create(containers.store().get(containerId), config);
    }

    @Override
    public void start(String execId, boolean detach, boolean tty, InputStream stdin, OutputSink out) {
        containers.execs().start(execId, detach, tty, stdin, out);
    }

    @Override
    public void resize(String execId, int height, int width) {
        containers.execs().resize(execId, height, width);
    }

    @Override
    public ExecDetails inspect(String execId) {
        return containers.execs().inspect(execId);
    }
}
