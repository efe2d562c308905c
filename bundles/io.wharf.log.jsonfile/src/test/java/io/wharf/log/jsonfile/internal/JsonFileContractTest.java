package io.wharf.log.jsonfile.internal;

import io.wharf.api.log.LogDriver;
import io.wharf.testkit.LogDriverContract;

class JsonFileContractTest extends LogDriverContract {
    @Override
    protected LogDriver newDriver() {
        return new JsonFileDriver();
    }
}
