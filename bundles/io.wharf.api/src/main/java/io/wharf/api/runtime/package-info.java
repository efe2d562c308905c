/**
 * The runtime SPI: OCI runtimes that create, run and signal containers.
 *
 * <p>How the daemon drives a {@link io.wharf.api.runtime.ContainerRuntime} (one service per runtime name, chosen
 * by the container's {@code HostConfig.Runtime} or the {@code default-runtime}):
 * <ol>
 * <li>Build a {@link io.wharf.api.runtime.ContainerSpec}: start from
 * {@link io.wharf.api.runtime.DockerDefaults#spec DockerDefaults.spec(id, rootfs, process, cgroupV2)} with the
 * root file system mounted by the storage driver, then apply the container's options (binds and volumes as
 * {@link io.wharf.api.runtime.Mount}s, {@code --shm-size} via {@code DockerDefaults.shm}, the network namespace
 * path from the network driver, {@code --privileged}: all capabilities, no masked or read-only paths, an allow-all
 * device rule and no seccomp; {@code --security-opt seccomp=unconfined}: a null profile).</li>
 * <li>{@code create(spec, io)} with the log file the log driver reads; then {@code attach(id)} if the client
 * attaches (before start, so no output is missed), then {@code start(id)}. A command that cannot run fails
 * {@code create} or {@code start} with {@link io.wharf.api.runtime.RuntimeStartException}: record its
 * {@code exitCode()} (127, 126 or 128) as the container's exit code and return its message as a 400 error, as
 * dockerd does.</li>
 * <li>Learn the end from {@code exited(id)} (also after a daemon restart: call {@code list()} and
 * {@code exited} for each container found); {@code state(id)} answers inspect.</li>
 * <li>{@code docker stop}: {@code kill(id, SIGTERM, false)}, then {@code kill(id, SIGKILL, true)} after the
 * timeout. A stopped container cannot be started again by an OCI runtime: to restart, {@code delete(id)} and
 * {@code create} it anew from the same spec.</li>
 * <li>{@code docker rm}: {@code delete(id)}, which is idempotent and kills what still runs.</li>
 * <li>Execs: {@code exec(id, execId, process, io)} returns the streams and the exit; an exec that cannot start
 * raises {@link io.wharf.api.runtime.RuntimeStartException} (dockerd then records 126 for the exec).</li>
 * </ol>
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.1")
package io.wharf.api.runtime;
