package io.wharf.api.registry;

/** What a blob push did, as the docker CLI reports it per layer. */
public enum BlobPushOutcome {
    /** The registry had the blob already ("Layer already exists"). */
    EXISTS,
    /** The registry linked it from another repository ("Mounted from ..."). */
    MOUNTED,
    /** The content was uploaded ("Pushed"). */
    UPLOADED
}
