package org.gridgate.sim.bench;

import java.util.Optional;
import org.gridgate.config.ScannerConfig.Direction;

/**
 * One person in front of the gate: what they scan (nothing for an assisted pass), what the
 * thermometer reads, whether the mask detector sees a mask, and which way they go.
 */
public record Visit(Optional<String> code, double skinC, double ambientC, boolean mask, Direction direction) {}
