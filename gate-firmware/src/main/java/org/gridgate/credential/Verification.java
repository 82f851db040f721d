package org.gridgate.credential;

/** The outcome of verifying a scanned health code: a verified credential, or why not. */
public sealed interface Verification {
    record Verified(HealthCredential credential) implements Verification {}

    record Rejected(Failure failure, String detail) implements Verification {
        @Override
        public String toString() {
            return "Rejected[" + failure + ": " + detail + "]";
        }
    }

    /** Why a code was not accepted. Never call a random QR code "expired": each failure is its own. */
    enum Failure {
        /** Not a health code of any known format (prefix unknown, garbage). */
        UNREADABLE,
        /** Known prefix but the encoding, compression or structure is broken. */
        MALFORMED,
        /** No trusted key has this key id. */
        UNTRUSTED_SIGNER,
        /** A trusted key id, but the signature does not verify. */
        BAD_SIGNATURE,
        /** Signature valid, but the signer's certificate may not issue this kind of credential (EU DCC key usage). */
        KEY_USAGE,
        NOT_YET_VALID,
        EXPIRED,
        REVOKED
    }
}
