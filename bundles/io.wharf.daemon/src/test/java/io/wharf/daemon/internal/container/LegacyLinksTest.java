package io.wharf.daemon.internal.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wharf.api.errors.InvalidArgumentException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LegacyLinksTest {

    private static LegacyLinks.Linked link(String alias, Set<String> ports, List<String> env) {
        return new LegacyLinks.Linked(alias, "/me/" + alias, "web", "0123456789ab", "10.9.0.2",
                new LinkedHashSet<>(ports), env);
    }

    @Test
    void variablesNameEveryPortTheDefaultOneTheLinkAndTheLinkedEnvironment() {
        assertEquals(List.of("MY_DB_PORT=tcp://10.9.0.2:80",
                "MY_DB_PORT_80_TCP=tcp://10.9.0.2:80", "MY_DB_PORT_80_TCP_ADDR=10.9.0.2",
                "MY_DB_PORT_80_TCP_PORT=80", "MY_DB_PORT_80_TCP_PROTO=tcp",
                "MY_DB_PORT_53_UDP=udp://10.9.0.2:53", "MY_DB_PORT_53_UDP_ADDR=10.9.0.2",
                "MY_DB_PORT_53_UDP_PORT=53", "MY_DB_PORT_53_UDP_PROTO=udp",
                "MY_DB_NAME=/me/my-db", "MY_DB_ENV_GREETING=a=b"),
                link("my-db", Set.of("53/udp", "80/tcp"), List.of("PATH=/bin", "GREETING=a=b", "HOME=/root"))
                        .env());
    }

    @Test
    void consecutivePortsAlsoGiveTheRangeVariables() {
        List<String> env = link("db", Set.of("8001/tcp", "8000/tcp"), List.of()).env();
        assertEquals(List.of("DB_PORT=tcp://10.9.0.2:8000",
                "DB_PORT_8000_TCP=tcp://10.9.0.2:8000", "DB_PORT_8000_TCP_ADDR=10.9.0.2",
                "DB_PORT_8000_TCP_PORT=8000", "DB_PORT_8000_TCP_PROTO=tcp",
                "DB_PORT_8001_TCP=tcp://10.9.0.2:8001", "DB_PORT_8001_TCP_ADDR=10.9.0.2",
                "DB_PORT_8001_TCP_PORT=8001", "DB_PORT_8001_TCP_PROTO=tcp",
                "DB_PORT_8000_TCP_START=tcp://10.9.0.2:8000", "DB_PORT_8000_TCP_PORT_START=8000",
                "DB_PORT_8000_TCP_END=tcp://10.9.0.2:8001", "DB_PORT_8000_TCP_PORT_END=8001",
                "DB_NAME=/me/db"), env);
    }

    @Test
    void theContainersOwnVariablesWin() {
        assertEquals(List.of("DB_NAME=/me/db"), LegacyLinks.env(List.of(link("db", Set.of(), List.of("X=1"))),
                List.of("DB_ENV_X=mine")));
    }

    @Test
    void hostsLineNamesTheLinkedContainerWhenTheAliasDiffers() {
        assertEquals("10.9.0.2\tdb 0123456789ab web\n", link("db", Set.of(), List.of()).hostsLine());
        assertEquals("10.9.0.2\tweb 0123456789ab\n", link("web", Set.of(), List.of()).hostsLine());
    }

    @Test
    void linksParseInBothForms() {
        assertEquals(new LinkSpec("web", "db"), LinkSpec.parse("web:db"));
        assertEquals(new LinkSpec("web", "web"), LinkSpec.parse("web"));
        assertEquals(new LinkSpec("web", "db"), LinkSpec.parse("/web:/me/db"));
        assertThrows(InvalidArgumentException.class, () -> LinkSpec.parse("a:b:c"));
    }
}
