package org.gridgate.passage;

import org.gridgate.device.DeviceStatus;
import org.gridgate.roster.Resident;
import org.gridgate.scanner.ScannedCode;
import org.gridgate.signals.GateInput;
import org.gridgate.thermometer.TemperatureReading;

/** Everything that reaches the gate loop, from devices, timers and the server. */
sealed interface GateEvent {
    record Scan(ScannedCode code) implements GateEvent {}

    record Reading(TemperatureReading reading) implements GateEvent {}

    record Input(GateInput input) implements GateEvent {}

    record Device(DeviceStatus status) implements GateEvent {}

    record WindowEnded(long passage) implements GateEvent {}

    record RosterReplaced(java.util.List<Resident> entries) implements GateEvent {}

    /** Run on the loop thread (tests, console queries that must see consistent state). */
    record Task(Runnable action) implements GateEvent {}
}
