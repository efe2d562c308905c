package com.example.wharf.runtime;

import io.wharf.api.runtime.ContainerRuntime;
import io.wharf.api.runtime.ContainerSpec;
import io.wharf.api.runtime.ContainerStats;
import io.wharf.api.runtime.ExecProcess;
import io.wharf.api.runtime.ExitStatus;
import io.wharf.api.runtime.IoConfig;
import io.wharf.api.runtime.ProcessSpec;
import io.wharf.api.runtime.Resources;
import io.wharf.api.runtime.RuntimeDescription;
import io.wharf.api.runtime.RuntimeState;
import io.wharf.api.runtime.StdioConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * A runtime driver as a vendor would write one: it registers itself under its own name, so that
 * {@code docker run --runtime vendor-runc} selects it, and hands each container to the OCI runtime Wharf already
 * runs (runc unless configured otherwise) after adding the vendor's environment and annotations. A real driver
 * would put its own work where {@link #create} rewrites the spec: injecting a device, a hook's annotation, a
 * sandbox setting.
 *
 * <p>Everything else is delegated unchanged, which is what lets Wharf adopt, exec into and stop these containers
 * across a restart or an update of this bundle: the delegate keeps their state on disk.
 */
@Component(service = ContainerRuntime.class, configurationPid = VendorRuntime.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = ContainerRuntime.NAME + "=" + VendorRuntime.DEFAULT_NAME)
@Designate(ocd = VendorRuntime.Config.class)
public final class VendorRuntime implements ContainerRuntime {
    static final String PID = "com.example.wharf.runtime";
    static final String DEFAULT_NAME = "vendor-runc";

    @ObjectClassDefinition(name = "Example vendor runtime")
    public @interface Config {
        @AttributeDefinition(description = "The name docker run --runtime selects; set "
                + ContainerRuntime.NAME + " to change it")
        String wharf_runtime_name() default DEFAULT_NAME;

        @AttributeDefinition(description = "Filter selecting the runtime containers are handed to")
        String delegate_target() default "(" + ContainerRuntime.NAME + "=runc)";

        @AttributeDefinition(description = "KEY=value entries added to every container's environment")
        String[] env() default {"WHARF_VENDOR_RUNTIME=" + DEFAULT_NAME};

        @AttributeDefinition(description = "OCI annotation prefix marking containers this runtime created")
        String annotation() default "com.example.wharf.runtime";
    }

    private final ContainerRuntime delegate;
    private final Config config;

    @Activate
    public VendorRuntime(@Reference(name = "delegate") ContainerRuntime delegate, Config config) {
        this.delegate = delegate;
        this.config = config;
    }

    @Override
    public void create(ContainerSpec spec, IoConfig io) {
        ContainerSpec.Builder b = spec.toBuilder().process(withVendorEnv(spec.process()));
        b.annotations().put(config.annotation(), config.wharf_runtime_name());
        delegate.create(b.build(), io);
    }

    @Override
    public ExecProcess exec(String id, String execId, ProcessSpec process, IoConfig io) {
        return delegate.exec(id, execId, withVendorEnv(process), io);
    }

    /** The vendor's entries come first, so that the user's own {@code -e} wins over them. */
    private ProcessSpec withVendorEnv(ProcessSpec p) {
        List<String> env = new ArrayList<>(List.of(config.env()));
        env.addAll(p.env());
        return new ProcessSpec(p.args(), env, p.cwd(), p.user(), p.terminal(), p.consoleSize(), p.capabilities(),
                p.noNewPrivileges(), p.rlimits(), p.oomScoreAdj(), p.apparmorProfile(), p.selinuxLabel());
    }

    @Override
    public RuntimeDescription describe() {
        RuntimeDescription d = delegate.describe();
        return new RuntimeDescription(config.wharf_runtime_name(), d.path(), d.version(), d.runtimeArgs());
    }

    @Override
    public void start(String id) {
        delegate.start(id);
    }

    @Override
    public void kill(String id, int signal, boolean all) {
        delegate.kill(id, signal, all);
    }

    @Override
    public void pause(String id) {
        delegate.pause(id);
    }

    @Override
    public void resume(String id) {
        delegate.resume(id);
    }

    @Override
    public RuntimeState state(String id) {
        return delegate.state(id);
    }

    @Override
    public CompletionStage<ExitStatus> exited(String id) {
        return delegate.exited(id);
    }

    @Override
    public void delete(String id) {
        delegate.delete(id);
    }

    @Override
    public void update(String id, Resources resources) {
        delegate.update(id, resources);
    }

    @Override
    public ContainerStats stats(String id) {
        return delegate.stats(id);
    }

    @Override
    public List<Integer> pids(String id) {
        return delegate.pids(id);
    }

    @Override
    public StdioConnection attach(String id) {
        return delegate.attach(id);
    }

    @Override
    public void resize(String id, int height, int width) {
        delegate.resize(id, height, width);
    }

    @Override
    public void resizeExec(String id, String execId, int height, int width) {
        delegate.resizeExec(id, execId, height, width);
    }

    @Override
    public List<String> list() {
        return delegate.list();
    }
}
