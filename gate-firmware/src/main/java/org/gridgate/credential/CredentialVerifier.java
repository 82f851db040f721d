package org.gridgate.credential;

import java.time.Instant;

/** Verifies the text of a scanned health code offline, by signature. Pure apart from the trust store. */
public interface CredentialVerifier {
    /** Must not throw on any input: every failure is a {@link Verification.Rejected} with its reason. */
    Verification verify(String text, Instant now);
}
