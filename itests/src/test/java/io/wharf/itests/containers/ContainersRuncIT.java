package io.wharf.itests.containers;

import org.junit.jupiter.api.BeforeAll;

class ContainersRuncIT extends ContainersCliContract {
    @BeforeAll
    static void start() throws Exception {
        startWith("runc");
    }
}
