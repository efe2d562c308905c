package io.wharf.rest.internal.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTableTest {
    private final RouteHandler list = (q, r) -> { };
    private final RouteHandler inspect = (q, r) -> { };
    private final RouteHandler image = (q, r) -> { };
    private final RouteHandler history = (q, r) -> { };
    private final RouteHandler remove = (q, r) -> { };

    private final RouteTable table = new RouteTable(List.of(r -> r
            .get("/containers/json", list)
            .get("/containers/{id}/json", inspect)
            .get("/images/{name:.*}/json", image)
            .get("/images/{name:.*}/history", history)
            .delete("/images/{name:.*}", remove)));

    @Test
    void literalPathsWinOverParameters() {
        assertSame(list, table.find("GET", "/containers/json").handler());
        RouteTable.Match m = table.find("GET", "/containers/abc/json");
        assertSame(inspect, m.handler());
        assertEquals("abc", m.params().get("id"));
    }

    @Test
    void greedyNamesKeepTheirSlashes() {
        RouteTable.Match m = table.find("GET", "/images/registry:5000/library/busybox:latest/json");
        assertSame(image, m.handler());
        assertEquals("registry:5000/library/busybox:latest", m.params().get("name"));
        assertEquals("a/b", table.find("GET", "/images/a/b/history").params().get("name"));
        assertEquals("a/b/json", table.find("DELETE", "/images/a/b/json").params().get("name"));
        assertNull(table.find("GET", "/images//json"));
        assertNull(table.find("GET", "/images/json"));
    }

    @Test
    void encodedSegmentsAreDecodedOnceByTheRouter() {
        assertEquals("library/busybox", table.find("GET", "/images/library%2Fbusybox/json").params().get("name"));
        assertEquals("localhost:5000/a/b:1",
                table.find("GET", "/images/localhost%3A5000%2Fa/b%3A1/json").params().get("name"));
        assertEquals("a%2Fb", table.find("GET", "/images/a%252Fb/json").params().get("name"));
        assertEquals("abc", table.find("GET", "/containers/%61bc/json").params().get("id"));
        assertSame(list, table.find("GET", "/containers/%6Ason").handler());
        assertNull(table.find("GET", "/containers%2Fjson"));
        io.wharf.api.errors.InvalidArgumentException bad = org.junit.jupiter.api.Assertions.assertThrows(
                io.wharf.api.errors.InvalidArgumentException.class, () -> table.find("GET", "/images/a%zz/json"));
        org.junit.jupiter.api.Assertions.assertTrue(bad.getMessage().contains("invalid escape sequence"));
        org.junit.jupiter.api.Assertions.assertThrows(io.wharf.api.errors.InvalidArgumentException.class,
                () -> table.find("GET", "/images/a%C3/json"));
    }

    @Test
    void headFallsBackToGetAndOtherMethodsDoNot() {
        assertNotNull(table.find("HEAD", "/containers/json"));
        assertNull(table.find("POST", "/containers/json"));
        assertNull(table.find("GET", "/containers/abc/json/extra"));
    }

    @Test
    void versionsCompareNumerically() {
        assertEquals(true, ApiVersion.parse("1.9").lessThan("1.24"));
        assertEquals(true, ApiVersion.parse("1.47").atLeast("1.47"));
        assertEquals(true, ApiVersion.parse("1.47").compareTo(ApiVersion.parse("1.47.0")) == 0);
    }
}
