package io.wharf.itests.containers;

import org.junit.jupiter.api.BeforeAll;

class ContainersCrunIT extends ContainersCliContract {
    @BeforeAll
    static void start() throws Exception {
        startWith("crun");
    }
}
