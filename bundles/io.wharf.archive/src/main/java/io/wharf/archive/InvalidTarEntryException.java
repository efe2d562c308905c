package io.wharf.archive;

import io.wharf.api.errors.InvalidArgumentException;

/**
 * A tar entry was refused because writing it would leave the extraction root (or it is otherwise unsafe).
 * It is an {@link InvalidArgumentException}, so the REST layer answers 400 without any mapping.
 */
public class InvalidTarEntryException extends InvalidArgumentException {
    private static final long serialVersionUID = 1L;

    private final String entryName;

    public InvalidTarEntryException(String entryName, String reason) {
        super("invalid tar entry \"" + entryName + "\": " + reason);
        this.entryName = entryName;
    }

    /** The entry's name as it appears in the archive. */
    public String entryName() {
        return entryName;
    }
}
