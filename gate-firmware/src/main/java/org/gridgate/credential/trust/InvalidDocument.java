package org.gridgate.credential.trust;

/** A trust list or revocation list that is not valid; the message says where, never what it held. */
public final class InvalidDocument extends Exception {
    public InvalidDocument(String message) {
        super(message);
    }
}
