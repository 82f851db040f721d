package org.gridgate.credential;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A revocation list held in memory. */
public final class InMemoryRevocations implements Revocations {
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();

    public InMemoryRevocations revoke(String id) {
        revoked.add(id);
        return this;
    }

    @Override
    public boolean isRevoked(String id) {
        return id != null && revoked.contains(id);
    }
}
