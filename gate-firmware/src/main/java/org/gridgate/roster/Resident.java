package org.gridgate.roster;

import java.time.LocalDate;
import org.gridgate.credential.HealthCredential.PersonKind;

/**
 * One person the compound knows: a resident, an approved visitor, or staff. Keyed by the community's
 * pseudonym; the roster holds no names and no identity numbers.
 *
 * @param unit building/room, e.g. "3-1201"; for a visitor the host unit
 */
public record Resident(
        String subject,
        PersonKind kind,
        String unit,
        String household,
        Status status,
        LocalDate validFrom,
        LocalDate validTo) {

    public enum Status { NORMAL, HOME_QUARANTINE, BARRED }

    public boolean validOn(LocalDate day) {
        return !day.isBefore(validFrom) && !day.isAfter(validTo);
    }
}
