package org.gridgate.passage;

import java.time.Duration;
import java.time.ZoneId;
import org.gridgate.config.GateConfig;
import org.gridgate.config.PolicyConfig;

/**
 * Everything the rules need to know about this compound's policy and this terminal's thermometer
 * calibration: {@code body = skin + offset + k * (skin - ambient)}.
 */
public record Policy(
        double feverThresholdC,
        double plausibleSkinMinC,
        double plausibleSkinMaxC,
        boolean maskRequired,
        Duration passageWindow,
        Duration maskGrace,
        Duration lockRelease,
        double calibrationOffsetC,
        double calibrationK,
        ZoneId zone,
        Movement movement) {

    /** The exit and door rules: household quota, anti-passback, door timing, volunteer powers. */
    public record Movement(int exitQuotaPersons, Duration exitQuotaPeriod, Duration antiPassback,
            boolean antiPassbackDenies, boolean assistedPass, boolean maskConfirmByVolunteer, Duration doorHeldOpen,
            Duration doorPreAlarm, boolean onePassOneEntry) {
        /**
         * No quota, no anti-passback, volunteers may help, door held-open alarm at 30 s (pre-alarm at 20 s),
         * one entry per pass.
         */
        public static final Movement DEFAULTS = new Movement(0, Duration.ofDays(3), Duration.ZERO, false, true, true,
                Duration.ofSeconds(30), Duration.ofSeconds(20), true);

        /** The rules before the one-entry rule, which is then on (its default). */
        public Movement(int exitQuotaPersons, Duration exitQuotaPeriod, Duration antiPassback,
                boolean antiPassbackDenies, boolean assistedPass, boolean maskConfirmByVolunteer, Duration doorHeldOpen,
                Duration doorPreAlarm) {
            this(exitQuotaPersons, exitQuotaPeriod, antiPassback, antiPassbackDenies, assistedPass,
                    maskConfirmByVolunteer, doorHeldOpen, doorPreAlarm, true);
        }

        public Movement withOnePassOneEntry(boolean on) {
            return new Movement(exitQuotaPersons, exitQuotaPeriod, antiPassback, antiPassbackDenies, assistedPass,
                    maskConfirmByVolunteer, doorHeldOpen, doorPreAlarm, on);
        }
    }

    public static Policy from(GateConfig config) {
        PolicyConfig p = config.policy();
        return new Policy(p.feverThresholdC(), p.plausibleSkinMinC(), p.plausibleSkinMaxC(),
                p.mask() == PolicyConfig.MaskPolicy.REQUIRED, p.passageWindow(), p.maskGrace(), p.lockRelease(),
                config.thermometer().offsetC(), config.thermometer().k(), config.gate().zone(),
                new Movement(p.exitQuotaPersons(), p.exitQuotaPeriod(), p.antiPassback(), p.antiPassbackDenies(),
                        p.assistedPass(), p.maskConfirmByVolunteer(), p.doorHeldOpen(), p.doorPreAlarm(),
                        p.onePassOneEntry()));
    }

    public double bodyEstimate(double skinC, double ambientC) {
        return skinC + calibrationOffsetC + calibrationK * (skinC - ambientC);
    }

    public boolean plausibleSkin(double skinC) {
        return skinC >= plausibleSkinMinC && skinC <= plausibleSkinMaxC;
    }
}
