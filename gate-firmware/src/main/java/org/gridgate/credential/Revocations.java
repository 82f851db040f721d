package org.gridgate.credential;

/**
 * Revoked credentials. The verifier asks about the credential's pass id and about its subject
 * pseudonym (so one entry can bar every pass of a person); ids are opaque strings to this port.
 */
public interface Revocations {
    boolean isRevoked(String id);

    /** Nothing is revoked: for tools and tests that have no revocation list. */
    Revocations NONE = id -> false;
}
