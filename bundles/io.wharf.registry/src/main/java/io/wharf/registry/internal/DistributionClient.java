package io.wharf.registry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.api.errors.ForbiddenException;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.errors.NotFoundException;
import io.wharf.api.errors.NotImplementedException;
import io.wharf.api.errors.UnauthorizedException;
import io.wharf.api.errors.WharfException;
import io.wharf.api.image.ImageReference;
import io.wharf.api.registry.BlobPushOutcome;
import io.wharf.api.registry.Credentials;
import io.wharf.api.registry.Descriptor;
import io.wharf.api.registry.FetchedManifest;
import io.wharf.api.registry.IOSupplier;
import io.wharf.api.registry.LoginResult;
import io.wharf.api.registry.MediaTypes;
import io.wharf.api.registry.Platform;
import io.wharf.api.registry.RegistryClient;
import io.wharf.api.registry.RegistryConfig;
import io.wharf.api.registry.ResolvedManifest;
import io.wharf.registry.internal.RegistryErrors.RegistryError;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;

/**
 * The registry client over {@link HttpClient} (HTTP/1.1, pooled connections). Pulls from Docker Hub try the
 * configured mirrors first. State kept between calls (endpoints, challenges, tokens) is only a cache.
 */
@Component(service = RegistryClient.class, configurationPid = DistributionClient.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class DistributionClient implements RegistryClient {
    /** This component's configuration; the launcher fills it from daemon.json and the command line. */
    public static final String PID = "io.wharf.registry";

    /** The keys of the engine configuration this component reads. */
    public @interface Config {
        String[] insecure_registries() default {};

        String[] registry_mirrors() default {};
    }

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);
    private static final int MAX_MANIFEST_SIZE = 4 * 1024 * 1024;
    private static final String ACCEPT = String.join(", ", MediaTypes.MANIFEST_ACCEPT);
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

    /** Replaced by a reload, with the mirrors and the insecure registries below. */
    private volatile RegistryConfig config;
    private final ExecutorService executor;
    private final RegistryTransport transport;
    private final ManifestParser manifests;
    private final BlobPusher pusher;
    private final InsecureRegistries insecureRegistries;
    private volatile List<URI> mirrors;

    @Activate
    public DistributionClient(Config config) {
        this(new RegistryConfig(List.of(config.insecure_registries()), List.of(config.registry_mirrors())));
    }

    public DistributionClient(RegistryConfig config) {
        this(config, RegistryTransport.DOCKER_HUB_API);
    }

    /** With another address for Docker Hub's API, so that tests keep their traffic on this machine. */
    DistributionClient(RegistryConfig config, URI hubApi) {
        this.config = config;
        this.mirrors = mirrors(config);
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "wharf-registry-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        HttpClient secure = builder().build();
        HttpClient insecure = builder().sslContext(trustingEverything()).build();
        ObjectMapper json = new ObjectMapper();
        this.insecureRegistries = new InsecureRegistries(config.insecureRegistries());
        Function<URI, HttpClient> clients = uri -> {
            String host = uri.getHost() == null ? "" : uri.getHost();
            return insecureRegistries.isInsecure(uri.getPort() >= 0 ? host + ":" + uri.getPort() : host)
                    ? insecure : secure;
        };
        Authenticator authenticator = new Authenticator(json, clients, Clock.systemUTC());
        this.transport = new RegistryTransport(secure, insecure, insecureRegistries, json, authenticator, hubApi);
        this.manifests = new ManifestParser(json);
        this.pusher = new BlobPusher(transport);
    }

    /**
     * A reload of daemon.json: new mirrors and insecure registries apply to the next pull or push; connections
     * and tokens already made stay, as they are only a cache. A bad mirror changes nothing.
     */
    @Modified
    void modified(Config changed) {
        RegistryConfig next = new RegistryConfig(List.of(changed.insecure_registries()),
                List.of(changed.registry_mirrors()));
        List<URI> nextMirrors = mirrors(next);
        insecureRegistries.replace(next.insecureRegistries());
        mirrors = nextMirrors;
        config = next;
        transport.forgetAll();
    }

    private static List<URI> mirrors(RegistryConfig config) {
        List<URI> mirrors = new ArrayList<>();
        for (String mirror : config.mirrors()) {
            String m = mirror.trim();
            URI uri = URI.create(m.contains("://") ? m : "https://" + m);
            if (uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new InvalidArgumentException("invalid mirror: \"" + mirror + "\" is not a valid URI");
            }
            mirrors.add(uri);
        }
        return List.copyOf(mirrors);
    }

    private HttpClient.Builder builder() {
        // Redirects are followed by hand, so that the registry's credentials never go to the storage behind it.
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).executor(executor);
    }

    @Deactivate
    public void close() {
        executor.shutdownNow();
    }

    @Override
    public RegistryConfig config() {
        return config;
    }

    static String scope(ImageReference repo, String actions) {
        return "repository:" + repo.path() + ":" + actions;
    }

    // ---- manifests

    @Override
    public ResolvedManifest resolve(ImageReference ref, Platform platform, Credentials credentials) {
        ImageReference target = ref.withDefaultTag();
        Platform wanted = platform == null ? Platform.host() : platform.normalize();
        Credentials creds = orAnonymous(credentials);
        return onPullEndpoints(target, endpoint -> resolveAt(endpoint, target, wanted, creds));
    }

    private ResolvedManifest resolveAt(Endpoint endpoint, ImageReference ref, Platform wanted, Credentials creds) {
        FetchedManifest top = fetchManifestAt(endpoint, ref, manifestReference(ref), creds);
        FetchedManifest manifest = top;
        Platform chosen = null;
        if (MediaTypes.isIndex(top.mediaType())) {
            Descriptor entry = PlatformSelector.select(manifests.index(top.content()), wanted)
                    .orElseThrow(() -> new NotFoundException(
                            "no matching manifest for " + wanted + " in the manifest list entries"));
            manifest = fetchManifestAt(endpoint, ref, entry.digest(), creds);
            chosen = entry.platform();
        }
        checkImageManifest(ref, manifest.mediaType());
        ManifestParser.ImageManifest parsed = manifests.manifest(manifest.content());
        return new ResolvedManifest(ref, manifest.mediaType(), manifest.digest(), manifest.content(),
                parsed.config(), parsed.layers(), top.digest(), chosen);
    }

    private static void checkImageManifest(ImageReference ref, String mediaType) {
        if (MediaTypes.isManifest(mediaType)) {
            return;
        }
        if (MediaTypes.DOCKER_MANIFEST_SCHEMA1.equals(mediaType)
                || MediaTypes.DOCKER_MANIFEST_SCHEMA1_SIGNED.equals(mediaType)) {
            throw new NotImplementedException("Docker Image manifest version 2, schema 1 is not supported: "
                    + ref.familiarString() + " must be pushed again as Docker schema 2 or OCI");
        }
        throw new WharfException("unsupported manifest media type " + mediaType + " for " + ref.familiarString());
    }

    @Override
    public FetchedManifest fetchManifest(ImageReference ref, Credentials credentials) {
        ImageReference target = ref.withDefaultTag();
        Credentials creds = orAnonymous(credentials);
        return onPullEndpoints(target, endpoint -> fetchManifestAt(endpoint, target, manifestReference(target), creds));
    }

    private static String manifestReference(ImageReference ref) {
        return ref.digest().orElseGet(() -> ref.tag().orElse(ImageReference.DEFAULT_TAG));
    }

    private FetchedManifest fetchManifestAt(Endpoint endpoint, ImageReference ref, String reference,
            Credentials creds) {
        URI uri = endpoint.resolve("/v2/" + ref.path() + "/manifests/" + reference);
        HttpResponse<InputStream> response = transport.send(endpoint, List.of(scope(ref, "pull")), creds,
                () -> HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).header("Accept", ACCEPT).GET());
        if (response.statusCode() != 200) {
            throw pullError(ref, response);
        }
        byte[] content;
        try (InputStream in = response.body()) {
            content = in.readNBytes(MAX_MANIFEST_SIZE + 1);
        } catch (IOException e) {
            throw new WharfException("Get \"" + uri + "\": " + RegistryTransport.describe(e), e);
        }
        if (content.length > MAX_MANIFEST_SIZE) {
            throw new WharfException("manifest for " + ref.familiarString() + " is larger than 4 MiB");
        }
        boolean byDigest = ImageReference.isDigest(reference);
        String digest = Digests.of(content, byDigest ? reference : "sha256:" + "0".repeat(64));
        if (byDigest && !digest.equals(reference)) {
            throw new WharfException("manifest verification failed for digest " + reference);
        }
        Optional<String> served = response.headers().firstValue("Docker-Content-Digest");
        if (!byDigest && served.isPresent() && served.get().startsWith("sha256:") && !served.get().equals(digest)) {
            throw new WharfException("manifest verification failed for digest " + served.get());
        }
        String mediaType = manifests.mediaType(content, response.headers().firstValue("Content-Type").orElse(""));
        return new FetchedManifest(mediaType, digest, content);
    }

    // dockerd's wording for a failed pull: a missing tag, repository or permission reads as "not found".
    private WharfException pullError(ImageReference ref, HttpResponse<InputStream> response) {
        List<RegistryError> errors = RegistryErrors.read(response.body(), transport.json());
        int status = response.statusCode();
        String cause = RegistryErrors.describe(errors, status);
        String code = errors.isEmpty() ? "" : errors.get(0).code();
        switch (code) {
            case "MANIFEST_UNKNOWN":
                return new NotFoundException("manifest for " + ref.familiarString() + " not found: " + cause);
            case "NAME_UNKNOWN":
                return new NotFoundException("repository " + ref.familiarName() + " not found: " + cause);
            case "DENIED":
                return new NotFoundException("pull access denied for " + ref.familiarName()
                        + ", repository does not exist or may require 'docker login': " + cause);
            default:
                if (status == 404) {
                    return new NotFoundException("manifest for " + ref.familiarString()
                            + " not found: manifest unknown: manifest unknown");
                }
                return error(status, cause);
        }
    }

    static WharfException error(int status, String message) {
        switch (status) {
            case 400: return new InvalidArgumentException(message);
            case 401: return new UnauthorizedException(message);
            case 403: return new ForbiddenException(message);
            case 404: return new NotFoundException(message);
            default: return new WharfException(message);
        }
    }

    @Override
    public List<String> listTags(ImageReference repo, Credentials credentials) {
        Credentials creds = orAnonymous(credentials);
        return onPullEndpoints(repo, endpoint -> {
            List<String> tags = new ArrayList<>();
            URI next = endpoint.resolve("/v2/" + repo.path() + "/tags/list");
            for (int page = 0; next != null && page < 1000; page++) {
                URI uri = next;
                HttpResponse<InputStream> response = transport.send(endpoint, List.of(scope(repo, "pull")), creds,
                        () -> HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET());
                if (response.statusCode() != 200) {
                    throw pullError(repo, response);
                }
                try (InputStream in = response.body()) {
                    JsonNode root = transport.json().readTree(in);
                    for (JsonNode tag : root.path("tags")) {
                        tags.add(tag.asText());
                    }
                } catch (IOException e) {
                    throw new WharfException("Get \"" + uri + "\": " + RegistryTransport.describe(e), e);
                }
                next = response.headers().firstValue("Link").map(NEXT_LINK::matcher).filter(Matcher::find)
                        .map(m -> uri.resolve(m.group(1))).orElse(null);
            }
            return tags;
        });
    }

    @Override
    public String pushManifest(ImageReference repo, String tagOrDigest, String mediaType, byte[] manifest,
            Credentials credentials) {
        String digest = Digests.sha256(manifest);
        if (ImageReference.isDigest(tagOrDigest) && !Digests.of(manifest, tagOrDigest).equals(tagOrDigest)) {
            throw new InvalidArgumentException("manifest content does not match digest " + tagOrDigest);
        }
        if (!ImageReference.isDigest(tagOrDigest)) {
            repo.withTag(tagOrDigest);
        }
        Endpoint endpoint = transport.endpoint(repo.domain());
        URI uri = endpoint.resolve("/v2/" + repo.path() + "/manifests/" + tagOrDigest);
        HttpResponse<InputStream> response = transport.send(endpoint, List.of(scope(repo, "pull,push")),
                orAnonymous(credentials), () -> HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                        .header("Content-Type", mediaType).PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)));
        List<RegistryError> errors = RegistryErrors.read(response.body(), transport.json());
        if (response.statusCode() != 201 && response.statusCode() != 200 && response.statusCode() != 202) {
            throw error(response.statusCode(), RegistryErrors.describe(errors, response.statusCode()));
        }
        return digest;
    }

    // ---- blobs

    @Override
    public boolean blobExists(ImageReference repo, String digest, Credentials credentials) {
        ImageReference.validateDigest(digest);
        Endpoint endpoint = transport.endpoint(repo.domain());
        return blobExistsAt(transport, endpoint, repo, digest, List.of(scope(repo, "pull")), orAnonymous(credentials));
    }

    static boolean blobExistsAt(RegistryTransport transport, Endpoint endpoint, ImageReference repo, String digest,
            List<String> scopes, Credentials creds) {
        URI uri = endpoint.resolve("/v2/" + repo.path() + "/blobs/" + digest);
        HttpResponse<InputStream> response = transport.sendFollowingRedirects(endpoint, scopes, creds,
                () -> HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                        .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        List<RegistryError> errors = RegistryErrors.read(response.body(), transport.json());
        if (response.statusCode() == 200) {
            return true;
        }
        if (response.statusCode() == 404) {
            return false;
        }
        throw error(response.statusCode(), RegistryErrors.describe(errors, response.statusCode()));
    }

    @Override
    public InputStream openBlob(ImageReference repo, Descriptor blob, Credentials credentials) {
        return openVerified(repo, blob, credentials, null);
    }

    private InputStream openVerified(ImageReference repo, Descriptor blob, Credentials credentials,
            LongConsumer progress) {
        ImageReference.validateDigest(blob.digest());
        Credentials creds = orAnonymous(credentials);
        if (MediaTypes.isForeignLayer(blob.mediaType())) {
            for (String url : blob.urls()) {
                InputStream foreign = openForeign(url, blob, progress);
                if (foreign != null) {
                    return foreign;
                }
            }
        }
        return onPullEndpoints(repo, endpoint -> {
            URI uri = endpoint.resolve("/v2/" + repo.path() + "/blobs/" + blob.digest());
            HttpResponse<InputStream> response = transport.sendFollowingRedirects(endpoint,
                    List.of(scope(repo, "pull")), creds, () -> HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET());
            if (response.statusCode() != 200) {
                List<RegistryError> errors = RegistryErrors.read(response.body(), transport.json());
                throw error(response.statusCode(), RegistryErrors.describe(errors, response.statusCode()));
            }
            return new VerifyingInputStream(response.body(), blob.digest(), blob.size(), progress);
        });
    }

    private InputStream openForeign(String url, Descriptor blob, LongConsumer progress) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
            return null;
        }
        try {
            HttpResponse<InputStream> response = transport.exchange(transport.clientFor(uri),
                    () -> HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET(), null);
            for (int i = 0; i < 10 && RegistryTransport.isRedirect(response.statusCode()); i++) {
                URI next = response.uri().resolve(response.headers().firstValue("Location").orElse(""));
                RegistryErrors.read(response.body(), transport.json());
                response = transport.exchange(transport.clientFor(next),
                        () -> HttpRequest.newBuilder(next).timeout(REQUEST_TIMEOUT).GET(), null);
            }
            if (response.statusCode() == 200) {
                return new VerifyingInputStream(response.body(), blob.digest(), blob.size(), progress);
            }
            RegistryErrors.read(response.body(), transport.json());
        } catch (WharfException e) {
            // The registry itself is the fallback for foreign layers.
        }
        return null;
    }

    @Override
    public void fetchBlob(ImageReference repo, Descriptor blob, Credentials credentials, Path target,
            LongConsumer progress) {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".partial");
            LongConsumer report = progress == null ? n -> { } : progress;
            try (InputStream in = openVerified(repo, blob, credentials, report);
                    FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                            StandardOpenOption.TRUNCATE_EXISTING);
                    OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                in.transferTo(out);
                channel.force(true);
            }
            io.wharf.linux.files.AtomicFiles.commit(temp, target, true, true);
            temp = null;
        } catch (VerifyingInputStream.BlobVerificationException e) {
            throw new WharfException(e.getMessage(), e);
        } catch (IOException e) {
            throw new WharfException("failed to fetch blob " + blob.digest() + ": " + RegistryTransport.describe(e), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // Nothing more to do; the name marks it as partial.
                }
            }
        }
    }

    @Override
    public BlobPushOutcome pushBlob(ImageReference repo, Descriptor blob, IOSupplier<InputStream> content,
            Optional<ImageReference> mountFrom, Credentials credentials, LongConsumer progress) {
        ImageReference.validateDigest(blob.digest());
        Endpoint endpoint = transport.endpoint(repo.domain());
        return pusher.push(endpoint, repo, blob, content, mountFrom == null ? Optional.empty() : mountFrom,
                orAnonymous(credentials), progress);
    }

    // ---- login

    @Override
    public LoginResult login(String serverAddress, Credentials credentials) {
        Credentials creds = orAnonymous(credentials);
        String address = serverAddress == null || serverAddress.isBlank() ? creds.serverAddress() : serverAddress;
        String domain = loginDomain(address);
        Endpoint endpoint = transport.endpoint(domain);
        URI v2 = endpoint.resolve("/v2/");
        List<Challenge> challenges = transport.challenges(endpoint);
        Challenge bearer = Authenticator.find(challenges, "bearer");
        String identityToken = creds.identityToken();
        String authorization = null;
        if (!creds.registryToken().isEmpty()) {
            authorization = "Bearer " + creds.registryToken();
        } else if (bearer != null) {
            Authenticator.Token token = transport.authenticator().fetchToken(bearer, List.of(), creds, true);
            authorization = "Bearer " + token.value();
            if (!token.refreshToken().isEmpty()) {
                identityToken = token.refreshToken();
            }
        } else if (Authenticator.find(challenges, "basic") != null && !creds.username().isEmpty()) {
            authorization = Authenticator.basic(creds);
        }
        HttpResponse<InputStream> response = transport.exchange(endpoint.client(),
                () -> HttpRequest.newBuilder(v2).timeout(REQUEST_TIMEOUT).GET(), authorization);
        RegistryErrors.read(response.body(), transport.json());
        int status = response.statusCode();
        if (status == 200) {
            return new LoginResult(LoginResult.SUCCEEDED, identityToken);
        }
        String message = "login attempt to " + v2 + " failed with status: " + status + " " + HttpStatus.text(status);
        throw status == 401 ? new UnauthorizedException(message) : new WharfException(message);
    }

    static String loginDomain(String address) {
        String a = address == null ? "" : address.trim().toLowerCase(Locale.ROOT);
        a = a.replaceFirst("^[a-z][a-z0-9+.-]*://", "");
        int slash = a.indexOf('/');
        if (slash >= 0) {
            a = a.substring(0, slash);
        }
        if (a.isEmpty() || a.equals("index.docker.io") || a.equals("registry-1.docker.io") || a.equals("docker.io")) {
            return RegistryTransport.DOCKER_HUB;
        }
        return a;
    }

    // ---- helpers

    private static Credentials orAnonymous(Credentials credentials) {
        return credentials == null ? Credentials.anonymous() : credentials;
    }

    // Pulls from Docker Hub go to the mirrors first; any failure there falls through to the next, then the Hub.
    private <T> T onPullEndpoints(ImageReference ref, Function<Endpoint, T> operation) {
        if (ref.domain().equals(RegistryTransport.DOCKER_HUB)) {
            for (URI mirror : mirrors) {
                try {
                    return operation.apply(transport.mirror(mirror));
                } catch (WharfException e) {
                    // Try the next mirror, then Docker Hub itself, as dockerd does.
                }
            }
        }
        return operation.apply(transport.endpoint(ref.domain()));
    }

    // Insecure registries are reached without certificate checks (dockerd's InsecureSkipVerify).
    private static SSLContext trustingEverything() {
        X509ExtendedTrustManager trustAll = new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustAll}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available", e);
        }
    }

    /** Used by tests: the transport's endpoint cache. */
    List<Endpoint> knownEndpoints() {
        return transport.knownEndpoints();
    }

}
