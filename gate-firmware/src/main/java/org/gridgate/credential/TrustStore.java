package org.gridgate.credential;

import java.util.List;

/**
 * The keys the gate trusts, by key id. A key id is not unique (8 bytes of a hash, or chosen by an
 * issuer), so a lookup yields every key with that id and the verifier tries each.
 */
public interface TrustStore {
    /** The keys with this key id, possibly none; never null. Must not retain or modify {@code kid}. */
    List<TrustedKey> keys(byte[] kid);
}
