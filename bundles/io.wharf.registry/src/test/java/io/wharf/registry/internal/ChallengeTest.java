package io.wharf.registry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChallengeTest {
    @Test
    void bearerWithQuotedParameters() {
        List<Challenge> c = Challenge.parse("Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
                + "scope=\"repository:library/busybox:pull,push\"");
        assertEquals(1, c.size());
        assertEquals("bearer", c.get(0).scheme());
        assertEquals("https://auth.docker.io/token", c.get(0).parameter("realm"));
        assertEquals("registry.docker.io", c.get(0).parameter("service"));
        assertEquals("repository:library/busybox:pull,push", c.get(0).parameter("scope"));
    }

    @Test
    void severalChallengesAndBareTokens() {
        List<Challenge> c = Challenge.parse("Basic realm=\"a, b\", Bearer realm=x,service=y");
        assertEquals(List.of(new Challenge("basic", Map.of("realm", "a, b")),
                new Challenge("bearer", Map.of("realm", "x", "service", "y"))), c);
        assertEquals(List.of(new Challenge("basic", Map.of())), Challenge.parse("Basic"));
        assertEquals("q\"uote", Challenge.parse("Basic realm=\"q\\\"uote\"").get(0).parameter("realm"));
    }

    @Test
    void headersAreCombined() {
        assertEquals(2, Challenge.parseAll(List.of("Basic realm=\"r\"", "Bearer realm=\"t\"")).size());
        assertEquals(0, Challenge.parseAll(List.of()).size());
    }
}
