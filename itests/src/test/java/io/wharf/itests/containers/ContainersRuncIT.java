package io.wharf.itests.containers;

/** The container commands on runc. */
class ContainersRuncIT extends ContainersCliContract {
    @Override
    String runtime() {
        return "runc";
    }
}
