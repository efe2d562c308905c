package io.wharf.daemon.internal.volume;

import io.wharf.api.events.Event;
import io.wharf.api.plugin.DriverInfo;
import io.wharf.api.plugin.DriverKind;
import io.wharf.api.plugin.DriverRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The registry's lookup and the event bus's publish, reduced to a map and a list for the unit tests. */
final class TestDrivers implements DriverRegistry {
    final Map<String, Object> volumeDrivers = new ConcurrentHashMap<>();

    @Override
    public List<DriverInfo> drivers() {
        return volumeDrivers.keySet().stream().sorted()
                .map(n -> new DriverInfo(DriverKind.VOLUME, n, "test", "0", true, null)).toList();
    }

    @Override
    public List<String> names(DriverKind kind) {
        return kind == DriverKind.VOLUME ? volumeDrivers.keySet().stream().sorted().toList() : List.of();
    }

    @Override
    public <T> Optional<T> find(Class<T> type, DriverKind kind, String name) {
        if (kind != DriverKind.VOLUME) {
            return Optional.empty();
        }
        return Optional.ofNullable(volumeDrivers.get(name)).filter(type::isInstance).map(type::cast);
    }
}
