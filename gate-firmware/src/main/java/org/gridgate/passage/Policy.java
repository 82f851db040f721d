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
        ZoneId zone) {

    public static Policy from(GateConfig config) {
        PolicyConfig p = config.policy();
        return new Policy(p.feverThresholdC(), p.plausibleSkinMinC(), p.plausibleSkinMaxC(),
                p.mask() == PolicyConfig.MaskPolicy.REQUIRED, p.passageWindow(), p.maskGrace(), p.lockRelease(),
                config.thermometer().offsetC(), config.thermometer().k(), config.gate().zone());
    }

    public double bodyEstimate(double skinC, double ambientC) {
        return skinC + calibrationOffsetC + calibrationK * (skinC - ambientC);
    }

    public boolean plausibleSkin(double skinC) {
        return skinC >= plausibleSkinMinC && skinC <= plausibleSkinMaxC;
    }
}
