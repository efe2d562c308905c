package io.wharf.daemon.internal.container;

import io.wharf.api.container.ContainerResources;
import io.wharf.api.container.HostConfig;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.value.RestartPolicies;

/** dockerd's checks of a host config at create and update, with its 400 messages. */
final class Validation {
    private Validation() {
    }

    static void restartPolicy(HostConfig.RestartPolicy p, boolean autoRemove) {
        if (p == null || p.name() == null || p.name().isEmpty()) {
            return;
        }
        RestartPolicies.validate(p.name(), p.maximumRetryCount());
        if (autoRemove && !p.name().equals("no")) {
            throw new InvalidArgumentException("Conflicting options: cannot specify both --restart and --rm");
        }
    }

    static void resources(ContainerResources r, boolean create) {
        if (r == null) {
            return;
        }
        if (r.memory() != null && r.memory() > 0 && r.memory() < 6 * 1024 * 1024) {
            throw new InvalidArgumentException("Minimum memory limit allowed is 6MB");
        }
        if (r.memory() != null && r.memory() > 0 && r.memorySwap() != null && r.memorySwap() > 0
                && r.memorySwap() < r.memory()) {
            throw new InvalidArgumentException("Minimum memoryswap limit should be larger than memory limit, see usage");
        }
        if ((r.memory() == null || r.memory() == 0) && r.memorySwap() != null && r.memorySwap() > 0 && create) {
            throw new InvalidArgumentException("You should always set the Memory limit when using Memoryswap limit, see usage");
        }
        if (r.memorySwappiness() != null && r.memorySwappiness() != -1
                && (r.memorySwappiness() < 0 || r.memorySwappiness() > 100)) {
            throw new InvalidArgumentException("Invalid value: " + r.memorySwappiness()
                    + ", valid memory swappiness range is 0-100");
        }
        if (r.memoryReservation() != null && r.memoryReservation() > 0 && r.memoryReservation() < 6 * 1024 * 1024) {
            throw new InvalidArgumentException("Minimum memory reservation allowed is 6MB");
        }
        long nano = r.nanoCpus() == null ? 0 : r.nanoCpus();
        if (nano > 0 && ((r.cpuPeriod() != null && r.cpuPeriod() > 0) || (r.cpuQuota() != null && r.cpuQuota() > 0))) {
            throw new InvalidArgumentException("Conflicting options: Nano CPUs and CPU Period cannot both be set");
        }
        int cpus = Runtime.getRuntime().availableProcessors();
        if (nano < 0 || nano > cpus * 1_000_000_000L) {
            throw new InvalidArgumentException("Range of CPUs is from 0.01 to " + cpus + ".00, as there are only "
                    + cpus + " CPUs available");
        }
        if (r.cpuPeriod() != null && r.cpuPeriod() != 0 && (r.cpuPeriod() < 1000 || r.cpuPeriod() > 1_000_000)) {
            throw new InvalidArgumentException("CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s "
                    + "(i.e. 1000000)");
        }
        if (r.cpuQuota() != null && r.cpuQuota() > 0 && r.cpuQuota() < 1000) {
            throw new InvalidArgumentException("CPU cfs quota can not be less than 1ms (i.e. 1000)");
        }
        if (r.cpuShares() != null && r.cpuShares() < 0) {
            throw new InvalidArgumentException("invalid CPU shares (" + r.cpuShares() + "): value must be a positive integer");
        }
        if (r.blkioWeight() != null && r.blkioWeight() != 0 && (r.blkioWeight() < 10 || r.blkioWeight() > 1000)) {
            throw new InvalidArgumentException("Range of blkio weight is from 10 to 1000");
        }
        if (r.cpusetCpus() != null && !r.cpusetCpus().isEmpty() && !r.cpusetCpus().matches("[0-9,\\-]+")) {
            throw new InvalidArgumentException("Invalid value " + r.cpusetCpus() + " for cpuset cpus");
        }
        if (r.oomKillDisable() != null && r.oomKillDisable() && (r.memory() == null || r.memory() == 0) && create) {
            // dockerd only warns here; nothing to refuse
            return;
        }
    }
}
