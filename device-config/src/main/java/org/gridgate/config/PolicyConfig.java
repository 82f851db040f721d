package org.gridgate.config;

import java.time.Duration;

/**
 * The entrance rule's knobs. Defaults follow Chinese practice (fever at 37.3 °C).
 *
 * @param maskGrace how long a passage whose other inputs are all in waits for the mask signal
 */
public record PolicyConfig(
        double feverThresholdC,
        double plausibleSkinMinC,
        double plausibleSkinMaxC,
        MaskPolicy mask,
        Duration passageWindow,
        Duration maskGrace,
        Duration lockRelease) {

    public enum MaskPolicy { REQUIRED, OFF }
}
