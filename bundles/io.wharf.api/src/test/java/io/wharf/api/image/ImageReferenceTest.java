package io.wharf.api.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.errors.InvalidArgumentException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {
    private static final String HEX = "a3ed95caeb02ffe68cdd9fd84406680ae93d633cb16422d00e8a7c22955b46d4";
    private static final String DIGEST = "sha256:" + HEX;

    @Test
    void officialImageGetsDockerHubDefaults() {
        ImageReference ref = ImageReference.parse("busybox");
        assertEquals("docker.io", ref.domain());
        assertEquals("library/busybox", ref.path());
        assertEquals(Optional.empty(), ref.tag());
        assertEquals(Optional.empty(), ref.digest());
        assertTrue(ref.isNameOnly());
        assertEquals("docker.io/library/busybox", ref.toString());
        assertEquals("docker.io/library/busybox:latest", ref.withDefaultTag().toString());
        assertEquals("busybox", ref.familiarName());
        assertEquals("busybox:latest", ref.withDefaultTag().familiarString());
        assertEquals("docker.io/library/busybox", ref.fullName());
    }

    @Test
    void userRepositoryOnDockerHubKeepsItsPath() {
        ImageReference ref = ImageReference.parse("user/app:1.0");
        assertEquals("docker.io", ref.domain());
        assertEquals("user/app", ref.path());
        assertEquals(Optional.of("1.0"), ref.tag());
        assertEquals("user/app", ref.familiarName());
        assertEquals("user/app:1.0", ref.familiarString());
        assertEquals("docker.io/user/app:1.0", ref.toString());
    }

    @Test
    void libraryPrefixIsDroppedOnlyForSingleComponents() {
        assertEquals("busybox", ImageReference.parse("library/busybox").familiarName());
        assertEquals("library/a/b", ImageReference.parse("library/a/b").familiarName());
        assertEquals("docker.io/library/a/b", ImageReference.parse("library/a/b").fullName());
    }

    @Test
    void registryWithPortAndNestedPath() {
        ImageReference ref = ImageReference.parse("localhost:5000/x/y:tag");
        assertEquals("localhost:5000", ref.domain());
        assertEquals("x/y", ref.path());
        assertEquals(Optional.of("tag"), ref.tag());
        assertEquals("localhost:5000/x/y", ref.familiarName());
        assertEquals("localhost:5000/x/y:tag", ref.familiarString());
        assertEquals("localhost:5000/x/y:tag", ref.toString());
    }

    @ParameterizedTest
    @CsvSource({
        "localhost/app, localhost, app",
        "example.com/app, example.com, app",
        "registry:5000/app, registry:5000, app",
        "Registry/app, Registry, app",
        "127.0.0.1:5000/a/b, 127.0.0.1:5000, a/b",
        "[::1]:5000/app, [::1]:5000, app",
        "foo/bar, docker.io, foo/bar",
        "index.docker.io/busybox, docker.io, library/busybox",
        "docker.io/busybox, docker.io, library/busybox",
        "index.docker.io/user/app, docker.io, user/app",
    })
    void domainDetection(String text, String domain, String path) {
        ImageReference ref = ImageReference.parse(text);
        assertEquals(domain, ref.domain());
        assertEquals(path, ref.path());
    }

    @Test
    void digestReference() {
        ImageReference ref = ImageReference.parse("busybox@" + DIGEST);
        assertEquals(Optional.of(DIGEST), ref.digest());
        assertEquals(Optional.empty(), ref.tag());
        assertFalse(ref.isNameOnly());
        assertEquals("docker.io/library/busybox@" + DIGEST, ref.toString());
        assertEquals("busybox@" + DIGEST, ref.familiarString());
        assertEquals(ref, ref.withDefaultTag(), "a digest needs no default tag");
    }

    @Test
    void tagAndDigestTogether() {
        ImageReference ref = ImageReference.parse("localhost:5000/app:v1@" + DIGEST);
        assertEquals(Optional.of("v1"), ref.tag());
        assertEquals(Optional.of(DIGEST), ref.digest());
        assertEquals("localhost:5000/app:v1@" + DIGEST, ref.toString());
    }

    @Test
    void withTagAndWithDigestReplaceParts() {
        ImageReference ref = ImageReference.parse("busybox:1");
        assertEquals("docker.io/library/busybox:2", ref.withTag("2").toString());
        assertEquals("docker.io/library/busybox:1@" + DIGEST, ref.withDigest(DIGEST).toString());
        assertEquals("docker.io/library/busybox", ref.withDigest(DIGEST).repository().toString());
        assertThrows(InvalidArgumentException.class, () -> ref.withTag("-bad"));
        assertThrows(InvalidArgumentException.class, () -> ref.withTag("a".repeat(129)));
        ref.withTag("a".repeat(128));
        assertThrows(InvalidArgumentException.class, () -> ref.withDigest("sha256:abc"));
    }

    @Test
    void uppercaseRepositoryIsRefusedWithDockersMessage() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> ImageReference.parse("Busybox"));
        assertEquals("invalid reference format: repository name (library/Busybox) must be lowercase", e.getMessage());
        e = assertThrows(InvalidArgumentException.class, () -> ImageReference.parse("localhost:5000/App:tag"));
        assertEquals("invalid reference format: repository name (App) must be lowercase", e.getMessage());
    }

    @Test
    void uppercaseTagIsAllowed() {
        assertEquals(Optional.of("V1_Final"), ImageReference.parse("busybox:V1_Final").tag());
    }

    @ParameterizedTest
    @ValueSource(strings = {"busybox:", "busybox::tag", ":tag", "busybox:-tag", "a//b", "-a/b", "a/b-", "a__-b",
        "busybox@sha256", "busybox@", "a b", "a/b:tag:tag", "http://example.com/a"})
    void malformedReferencesAreRefused(String text) {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> ImageReference.parse(text));
        assertTrue(e.getMessage().startsWith("invalid reference format"), e.getMessage());
    }

    @Test
    void separatorsInsidePathComponents() {
        assertEquals("docker.io/library/a.b_c__d-e---f", ImageReference.parse("a.b_c__d-e---f").toString());
    }

    @Test
    void emptyIsRefused() {
        assertEquals("repository name must have at least one component",
                assertThrows(InvalidArgumentException.class, () -> ImageReference.parse("")).getMessage());
    }

    @Test
    void bareImageIdIsRefused() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> ImageReference.parse(HEX));
        assertEquals("invalid repository name (" + HEX + "), cannot specify 64-byte hexadecimal strings",
                e.getMessage());
    }

    @Test
    void nameLengthIsLimited() {
        String path = "a".repeat(255 - "docker.io/".length());
        assertEquals(255, ImageReference.parse("docker.io/x/" + path.substring(2)).fullName().length());
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> ImageReference.parse("docker.io/x/" + path.substring(1)));
        assertEquals("repository name must not be more than 255 characters", e.getMessage());
    }

    @Test
    void digestsAreValidated() {
        assertEquals("invalid checksum digest length", assertThrows(InvalidArgumentException.class,
                () -> ImageReference.parse("busybox@sha256:" + HEX.substring(1))).getMessage());
        assertEquals("invalid checksum digest format", assertThrows(InvalidArgumentException.class,
                () -> ImageReference.parse("busybox@sha256:" + HEX.toUpperCase())).getMessage());
        assertEquals("unsupported digest algorithm", assertThrows(InvalidArgumentException.class,
                () -> ImageReference.parse("busybox@md5:" + HEX)).getMessage());
        assertTrue(ImageReference.isDigest(DIGEST));
        assertTrue(ImageReference.isDigest("sha512:" + HEX + HEX));
        assertFalse(ImageReference.isDigest(HEX));
    }

    @Test
    void equalityFollowsTheCanonicalForm() {
        assertEquals(ImageReference.parse("busybox:latest"), ImageReference.parse("docker.io/library/busybox:latest"));
        assertEquals(ImageReference.parse("busybox").hashCode(), ImageReference.parse("index.docker.io/busybox").hashCode());
        assertNotEquals(ImageReference.parse("busybox"), ImageReference.parse("busybox:latest"));
    }

    @Test
    void canonicalFormParsesBackUnchanged() {
        for (String s : new String[] {"busybox", "user/app:1", "localhost:5000/a/b:c@" + DIGEST}) {
            ImageReference ref = ImageReference.parse(s);
            assertEquals(ref, ImageReference.parseCanonical(ref.toString()));
            assertEquals(ref, ImageReference.parse(ref.toString()));
        }
    }
}
