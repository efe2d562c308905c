package io.wharf.api.registry;

import io.wharf.api.image.ImageReference;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A client of OCI distribution (Docker Registry v2) servers. It finds each registry's endpoint (HTTPS, or plain
 * HTTP for loopback and insecure registries), authenticates as the registry asks (Basic, or Bearer tokens for
 * the repository's pull or push scope, cached until they expire) and checks every digest it is given.
 * Thread-safe. Failures are {@link io.wharf.api.errors.WharfException}s with dockerd's messages:
 * {@link io.wharf.api.errors.UnauthorizedException} when the registry refuses the credentials,
 * {@link io.wharf.api.errors.NotFoundException} for unknown manifests and repositories (and for an index
 * without the platform), {@link io.wharf.api.errors.InvalidArgumentException} for requests the registry finds
 * malformed, and a plain {@code WharfException} for content that fails verification
 * ({@code manifest verification failed for digest ...}, {@code filesystem layer verification failed ...})
 * and for registries that cannot be reached ({@code Get "https://host/v2/": ...}).
 * The repository of each call is {@code repo.repository()}; tag and digest are ignored except where stated.
 */
@ProviderType
public interface RegistryClient {

    /**
     * Fetches the manifest {@code ref} names (by digest when it has one, else by tag, {@code latest} if neither),
     * follows a manifest list or OCI index to the entry that best runs on {@code platform} (null means the
     * host's), and verifies the content against the digest it was fetched by.
     */
    ResolvedManifest resolve(ImageReference ref, Platform platform, Credentials credentials);

    /** Fetches the manifest or index {@code ref} names as it is, without following an index. */
    FetchedManifest fetchManifest(ImageReference ref, Credentials credentials);

    /** The tags of a repository, as listed by the registry. */
    List<String> listTags(ImageReference repo, Credentials credentials);

    /**
     * Opens a blob for reading, following the registry's redirects to its storage (or the descriptor's
     * {@code urls} for foreign layers). The stream checks size and digest when it reaches the end and throws an
     * {@link java.io.IOException} there on a mismatch. The caller closes it.
     */
    InputStream openBlob(ImageReference repo, Descriptor blob, Credentials credentials);

    /**
     * Downloads a blob to {@code target}: it is written to a temporary file beside the target and moved into
     * place only when size and digest match, so that {@code target} never holds wrong content. {@code progress}
     * receives the number of bytes received so far.
     */
    void fetchBlob(ImageReference repo, Descriptor blob, Credentials credentials, Path target, LongConsumer progress);

    /** Whether the repository has the blob ({@code HEAD /v2/<name>/blobs/<digest>}). */
    boolean blobExists(ImageReference repo, String digest, Credentials credentials);

    /**
     * Pushes a blob unless the repository has it: tries a cross-repository mount from {@code mountFrom} (a
     * repository on the same registry) first, else uploads {@code content} and has the registry check its
     * digest. {@code progress} receives the number of bytes sent so far. Foreign (non-distributable) layers are
     * the caller's to skip, as dockerd does.
     */
    BlobPushOutcome pushBlob(ImageReference repo, Descriptor blob, IOSupplier<InputStream> content,
            Optional<ImageReference> mountFrom, Credentials credentials, LongConsumer progress);

    /** Uploads a manifest or index under a tag or digest and returns its digest. */
    String pushManifest(ImageReference repo, String tagOrDigest, String mediaType, byte[] manifest,
            Credentials credentials);

    /**
     * Checks credentials against the registry at {@code serverAddress} ({@code host[:port]} or a URL; empty
     * means Docker Hub) and returns {@value LoginResult#SUCCEEDED} with the identity token the registry issued,
     * if any. Refused credentials are an {@link io.wharf.api.errors.UnauthorizedException}.
     */
    LoginResult login(String serverAddress, Credentials credentials);

    /** The configuration in effect, as {@code GET /info} reports it. */
    RegistryConfig config();
}
