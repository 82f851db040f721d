package org.gridgate.system;

import org.gridgate.journal.IdentityProtector;
import org.gridgate.passage.Pseudonyms;

/**
 * The passage's {@link Pseudonyms} made with the gate's identity key: the keyed hash of the
 * {@link IdentityProtector} and its masked display form.
 */
final class KeyedPseudonyms implements Pseudonyms {
    private final IdentityProtector identities;

    KeyedPseudonyms(IdentityProtector identities) {
        this.identities = identities;
    }

    @Override
    public String hash(String identity) {
        return identities.hash(identity);
    }

    @Override
    public String mask(String identity) {
        return IdentityProtector.mask(identity);
    }
}
