package io.wharf.api.registry;

import io.wharf.api.errors.InvalidArgumentException;
import java.util.Locale;

/**
 * An image platform as in an OCI index: operating system, CPU architecture and an optional variant, written
 * {@code linux/arm64/v8}. Values use Go's names ({@code amd64}, {@code arm64}); {@link #normalize()} maps the
 * common aliases ({@code x86_64}, {@code aarch64}, {@code armhf}) and the default variants.
 */
public record Platform(String os, String architecture, String variant) {
    public static final Platform LINUX_AMD64 = new Platform("linux", "amd64", "");

    public Platform {
        os = os == null ? "" : os;
        architecture = architecture == null ? "" : architecture;
        variant = variant == null ? "" : variant;
    }

    /** Parses {@code os[/arch[/variant]]}; a missing architecture means the host's. */
    public static Platform parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidArgumentException("invalid platform: empty");
        }
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split("/", -1);
        if (parts.length > 3 || parts[0].isEmpty()) {
            throw new InvalidArgumentException("\"" + text + "\": unknown operating system or architecture: invalid argument");
        }
        for (String part : parts) {
            if (!part.matches("[a-z0-9_-]+")) {
                throw new InvalidArgumentException("\"" + text + "\": unknown operating system or architecture: invalid argument");
            }
        }
        String arch = parts.length > 1 ? parts[1] : host().architecture();
        String variant = parts.length > 2 ? parts[2] : parts.length > 1 ? "" : host().variant();
        return new Platform(parts[0], arch, variant).normalize();
    }

    /** The platform of the machine this JVM runs on. */
    public static Platform host() {
        String arch = System.getProperty("os.arch", "amd64");
        return new Platform("linux", arch, "").normalize();
    }

    /** The same platform with Go's architecture names and explicit default variants ({@code arm64} is {@code v8}). */
    public Platform normalize() {
        String o = os.toLowerCase(Locale.ROOT);
        String a = architecture.toLowerCase(Locale.ROOT);
        String v = variant.toLowerCase(Locale.ROOT);
        switch (a) {
            case "x86_64": case "x86-64": case "amd64":
                a = "amd64";
                if (v.equals("v1")) {
                    v = "";
                }
                break;
            case "i386": case "i686": case "386":
                a = "386";
                break;
            case "aarch64": case "arm64":
                a = "arm64";
                if (v.equals("8") || v.equals("v8") || v.isEmpty()) {
                    v = "v8";
                }
                break;
            case "armhf":
                a = "arm";
                v = "v7";
                break;
            case "armel":
                a = "arm";
                v = "v6";
                break;
            case "arm":
                if (v.isEmpty() || v.equals("7")) {
                    v = "v7";
                } else if (v.matches("[5-8]")) {
                    v = "v" + v;
                }
                break;
            default:
                break;
        }
        return new Platform(o, a, v);
    }

    /**
     * How well an image built for {@code candidate} runs here: 0 is an exact match, higher numbers are older
     * but compatible variants ({@code arm/v7} runs {@code arm/v6}), and -1 means it does not run at all.
     */
    public int compatibility(Platform candidate) {
        Platform want = normalize();
        Platform have = candidate.normalize();
        if (!want.os.equals(have.os) || !want.architecture.equals(have.architecture)) {
            return -1;
        }
        if (want.variant.equals(have.variant)) {
            return 0;
        }
        if (want.architecture.equals("arm") || want.architecture.equals("amd64")) {
            int wanted = variantNumber(want.variant, want.architecture);
            int offered = variantNumber(have.variant, have.architecture);
            if (wanted > 0 && offered > 0 && offered < wanted) {
                return wanted - offered;
            }
        }
        return -1;
    }

    private static int variantNumber(String variant, String arch) {
        if (variant.isEmpty()) {
            return arch.equals("amd64") ? 1 : 0;
        }
        if (variant.matches("v[0-9]+")) {
            return Integer.parseInt(variant.substring(1));
        }
        return 0;
    }

    /** {@code os/arch[/variant]}. */
    @Override
    public String toString() {
        return os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant);
    }
}
