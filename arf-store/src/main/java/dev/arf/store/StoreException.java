package dev.arf.store;

/**
 * A storage failure: the database could not be opened, reached or written. The message says what
 * was being done, where (data directory or PostgreSQL host:port) and why.
 */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StoreException(String message) {
        super(message);
    }

    StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
