package io.wharf.api.image;

import io.wharf.api.errors.InvalidArgumentException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A normalized image reference as Docker understands it: a registry domain, a repository path, an optional tag
 * and an optional digest. {@link #parse} accepts what users type ({@code busybox}, {@code localhost:5000/x/y:tag},
 * {@code name@sha256:...}) and fills in Docker's defaults: the domain {@code docker.io} and, for single-component
 * names there, the {@code library/} prefix. It never invents a tag; {@link #withDefaultTag()} adds {@code latest}
 * where a pull needs one. Instances are immutable and compare by their canonical form.
 */
public final class ImageReference {
    /** The registry a reference without a domain points to. */
    public static final String DEFAULT_DOMAIN = "docker.io";
    /** The tag used when a reference names neither tag nor digest. */
    public static final String DEFAULT_TAG = "latest";
    /** The longest repository name (domain and path) a registry accepts. */
    public static final int NAME_TOTAL_LENGTH_MAX = 255;

    private static final String LEGACY_DEFAULT_DOMAIN = "index.docker.io";
    private static final String OFFICIAL_REPO_PREFIX = "library/";

    private static final String ALPHANUMERIC = "[a-z0-9]+";
    private static final String SEPARATOR = "(?:[._]|__|[-]+)";
    private static final String PATH_COMPONENT = ALPHANUMERIC + "(?:" + SEPARATOR + ALPHANUMERIC + ")*";
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String IPV6 = "\\[[a-fA-F0-9:]+\\]";
    private static final String DOMAIN =
            "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*|" + IPV6 + ")(?::[0-9]+)?";
    private static final String PATH = PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*";
    private static final String TAG = "[\\w][\\w.-]{0,127}";
    private static final String DIGEST =
            "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";

    private static final Pattern REFERENCE = Pattern.compile(
            "((?:(" + DOMAIN + ")/)?(" + PATH + "))(?::(" + TAG + "))?(?:@(" + DIGEST + "))?");
    private static final Pattern TAG_PATTERN = Pattern.compile(TAG);
    private static final Pattern DIGEST_PATTERN = Pattern.compile(DIGEST);
    private static final Pattern IDENTIFIER = Pattern.compile("[a-f0-9]{64}");

    private final String domain;
    private final String path;
    private final String tag;
    private final String digest;

    private ImageReference(String domain, String path, String tag, String digest) {
        this.domain = domain;
        this.path = path;
        this.tag = tag;
        this.digest = digest;
    }

    /**
     * Parses and normalizes a reference. Throws {@link InvalidArgumentException} with Docker's reason when the
     * text is not a valid reference, for example
     * {@code invalid reference format: repository name (library/Busybox) must be lowercase}.
     */
    public static ImageReference parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidArgumentException("repository name must have at least one component");
        }
        if (IDENTIFIER.matcher(text).matches()) {
            throw new InvalidArgumentException(
                    "invalid repository name (" + text + "), cannot specify 64-byte hexadecimal strings");
        }
        String[] split = splitDomain(text);
        String remainder = split[1];
        int tagSeparator = remainder.indexOf(':');
        String remote = tagSeparator >= 0 ? remainder.substring(0, tagSeparator) : remainder;
        if (!remote.toLowerCase(java.util.Locale.ROOT).equals(remote)) {
            throw new InvalidArgumentException(
                    "invalid reference format: repository name (" + remote + ") must be lowercase");
        }
        return parseCanonical(split[0] + "/" + remainder);
    }

    /**
     * Parses a reference that is already in canonical form ({@code domain/path[:tag][@digest]}) without
     * applying Docker Hub's defaults.
     */
    public static ImageReference parseCanonical(String text) {
        Matcher m = REFERENCE.matcher(text);
        if (!m.matches()) {
            if (text.isEmpty()) {
                throw new InvalidArgumentException("repository name must have at least one component");
            }
            if (REFERENCE.matcher(text.toLowerCase(java.util.Locale.ROOT)).matches()) {
                throw new InvalidArgumentException("invalid reference format: repository name must be lowercase");
            }
            throw new InvalidArgumentException("invalid reference format");
        }
        if (m.group(1).length() > NAME_TOTAL_LENGTH_MAX) {
            throw new InvalidArgumentException(
                    "repository name must not be more than " + NAME_TOTAL_LENGTH_MAX + " characters");
        }
        if (m.group(2) == null) {
            // The grammar allows a path without a domain, but a normalized reference always has one.
            throw new InvalidArgumentException("repository name must be canonical");
        }
        String digest = m.group(5);
        if (digest != null) {
            validateDigest(digest);
        }
        return new ImageReference(m.group(2), m.group(3), m.group(4), digest);
    }

    /**
     * Checks a content digest ({@code sha256:<64 hex>}, also sha384 and sha512) and throws
     * {@link InvalidArgumentException} with the reason when it is not valid.
     */
    public static void validateDigest(String digest) {
        if (digest == null || !DIGEST_PATTERN.matcher(digest).matches()) {
            throw new InvalidArgumentException("invalid checksum digest format");
        }
        int colon = digest.indexOf(':');
        String algorithm = digest.substring(0, colon);
        String hex = digest.substring(colon + 1);
        int length;
        switch (algorithm) {
            case "sha256": length = 64; break;
            case "sha384": length = 96; break;
            case "sha512": length = 128; break;
            default: throw new InvalidArgumentException("unsupported digest algorithm");
        }
        if (hex.length() != length) {
            throw new InvalidArgumentException("invalid checksum digest length");
        }
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                throw new InvalidArgumentException("invalid checksum digest format");
            }
        }
    }

    /** Whether {@code text} is a valid digest in the form {@link #validateDigest} accepts. */
    public static boolean isDigest(String text) {
        try {
            validateDigest(text);
            return true;
        } catch (InvalidArgumentException e) {
            return false;
        }
    }

    // Docker's rule: the first component is a registry when it looks like a host (has a dot or a port, is
    // localhost, or has upper case letters, which repository names cannot); otherwise the name is on Docker Hub.
    private static String[] splitDomain(String name) {
        int slash = name.indexOf('/');
        String domain;
        String remainder;
        if (slash < 0) {
            domain = DEFAULT_DOMAIN;
            remainder = name;
        } else {
            String first = name.substring(0, slash);
            boolean looksLikeHost = first.contains(".") || first.contains(":") || first.equals("localhost")
                    || !first.toLowerCase(java.util.Locale.ROOT).equals(first);
            if (looksLikeHost) {
                domain = first;
                remainder = name.substring(slash + 1);
            } else {
                domain = DEFAULT_DOMAIN;
                remainder = name;
            }
        }
        if (domain.equals(LEGACY_DEFAULT_DOMAIN)) {
            domain = DEFAULT_DOMAIN;
        }
        if (domain.equals(DEFAULT_DOMAIN) && remainder.indexOf('/') < 0) {
            remainder = OFFICIAL_REPO_PREFIX + remainder;
        }
        return new String[] {domain, remainder};
    }

    /** The registry's domain, with an optional port: {@code docker.io}, {@code localhost:5000}. */
    public String domain() {
        return domain;
    }

    /** The repository path inside the registry: {@code library/busybox}. */
    public String path() {
        return path;
    }

    public Optional<String> tag() {
        return Optional.ofNullable(tag);
    }

    public Optional<String> digest() {
        return Optional.ofNullable(digest);
    }

    /** Whether the reference names only a repository, with neither tag nor digest. */
    public boolean isNameOnly() {
        return tag == null && digest == null;
    }

    /** The full repository name: {@code docker.io/library/busybox}. */
    public String fullName() {
        return domain + "/" + path;
    }

    /** The repository name as the docker CLI shows it: {@code busybox}, {@code user/app}, {@code localhost:5000/x}. */
    public String familiarName() {
        if (domain.equals(DEFAULT_DOMAIN)) {
            if (path.startsWith(OFFICIAL_REPO_PREFIX) && path.indexOf('/', OFFICIAL_REPO_PREFIX.length()) < 0) {
                return path.substring(OFFICIAL_REPO_PREFIX.length());
            }
            return path;
        }
        return fullName();
    }

    /** The reference as the docker CLI shows it: {@code busybox:latest}, {@code localhost:5000/x@sha256:...}. */
    public String familiarString() {
        return familiarName() + suffix();
    }

    /** The same repository with the given tag (and this reference's digest, if any). */
    public ImageReference withTag(String newTag) {
        if (newTag == null || !TAG_PATTERN.matcher(newTag).matches()) {
            throw new InvalidArgumentException("invalid tag format");
        }
        return new ImageReference(domain, path, newTag, digest);
    }

    /** The same repository and tag with the given digest. */
    public ImageReference withDigest(String newDigest) {
        validateDigest(newDigest);
        return new ImageReference(domain, path, tag, newDigest);
    }

    /** This reference with tag {@code latest} when it names neither tag nor digest, as {@code docker pull} does. */
    public ImageReference withDefaultTag() {
        return isNameOnly() ? new ImageReference(domain, path, DEFAULT_TAG, null) : this;
    }

    /** The repository alone, without tag and digest. */
    public ImageReference repository() {
        return isNameOnly() ? this : new ImageReference(domain, path, null, null);
    }

    private String suffix() {
        StringBuilder s = new StringBuilder();
        if (tag != null) {
            s.append(':').append(tag);
        }
        if (digest != null) {
            s.append('@').append(digest);
        }
        return s.toString();
    }

    /** The canonical form: {@code docker.io/library/busybox:latest}. */
    @Override
    public String toString() {
        return fullName() + suffix();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageReference && ((ImageReference) o).toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return Objects.hash(domain, path, tag, digest);
    }
}
