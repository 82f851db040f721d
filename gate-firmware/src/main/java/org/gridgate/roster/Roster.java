package org.gridgate.roster;

import java.util.Optional;

/** Who may pass. Read on the gate loop; replaced as a whole when the community sends a new one. */
public interface Roster {
    Optional<Resident> find(String subject);

    int size();
}
