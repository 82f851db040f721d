package org.gridgate.config;

import java.time.Duration;

/**
 * The entrance rule's knobs. Defaults follow Chinese practice (fever at 37.3 °C). See docs/rules.md.
 *
 * @param maskGrace how long a passage whose other inputs are all in waits for the mask signal
 * @param exitQuotaPersons exits allowed per household within {@code exitQuotaPeriod}; 0 = no quota
 * @param antiPassback entering twice without an exit within this time is flagged; zero = off
 * @param antiPassbackDenies the flag also denies entry
 * @param assistedPass volunteers may vouch for a roster member without a phone
 * @param maskConfirmByVolunteer a volunteer may confirm a mask by hand at the console
 * @param doorHeldOpen after a release the door may stay open this long before the held-open alarm
 * @param doorPreAlarm when the held-open pre-alarm (a warning beep) sounds
 * @param onePassOneEntry a pass that entered cannot enter again until an exit with it is recorded
 */
public record PolicyConfig(
        double feverThresholdC,
        double plausibleSkinMinC,
        double plausibleSkinMaxC,
        MaskPolicy mask,
        Duration passageWindow,
        Duration maskGrace,
        Duration lockRelease,
        int exitQuotaPersons,
        Duration exitQuotaPeriod,
        Duration antiPassback,
        boolean antiPassbackDenies,
        boolean assistedPass,
        boolean maskConfirmByVolunteer,
        Duration doorHeldOpen,
        Duration doorPreAlarm,
        boolean onePassOneEntry) {

    /** Everything but the one-entry rule, which is then on (its default). */
    public PolicyConfig(double feverThresholdC, double plausibleSkinMinC, double plausibleSkinMaxC, MaskPolicy mask,
            Duration passageWindow, Duration maskGrace, Duration lockRelease, int exitQuotaPersons,
            Duration exitQuotaPeriod, Duration antiPassback, boolean antiPassbackDenies, boolean assistedPass,
            boolean maskConfirmByVolunteer, Duration doorHeldOpen, Duration doorPreAlarm) {
        this(feverThresholdC, plausibleSkinMinC, plausibleSkinMaxC, mask, passageWindow, maskGrace, lockRelease,
                exitQuotaPersons, exitQuotaPeriod, antiPassback, antiPassbackDenies, assistedPass, maskConfirmByVolunteer,
                doorHeldOpen, doorPreAlarm, true);
    }

    public enum MaskPolicy { REQUIRED, OFF }
}
