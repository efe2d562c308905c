package io.wharf.itests.containers;

/** The container commands on crun ({@code --runtime crun}). */
class ContainersCrunIT extends ContainersCliContract {
    @Override
    String runtime() {
        return "crun";
    }
}
