package org.gridgate.console;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gridgate.passage.Direction;
import org.gridgate.passage.GateControl;
import org.gridgate.passage.GateMode;
import org.gridgate.passage.GateSnapshot;

/** Records what the console asked the gate to do, one line per call, with who asked. */
final class FakeGateControl implements GateControl {
    final List<String> calls = new CopyOnWriteArrayList<>();
    volatile Map<Long, String> openAlarms = Map.of();
    volatile boolean passageInProgress;

    @Override
    public void manualOpen(String actor, String reason) {
        calls.add("open " + actor + " " + reason);
    }

    @Override
    public void setMode(String actor, GateMode mode) {
        calls.add("mode " + actor + " " + mode);
    }

    @Override
    public void assistedPass(String volunteer, String subject, Direction direction) {
        calls.add("assist " + volunteer + " " + subject + " " + direction);
    }

    @Override
    public void confirmMask(String volunteer) {
        calls.add("mask " + volunteer);
    }

    @Override
    public void acknowledgeAlarm(String volunteer, long alarmSeq) {
        calls.add("ack " + volunteer + " " + alarmSeq);
    }

    @Override
    public GateSnapshot snapshot() {
        return new GateSnapshot(Instant.EPOCH, GateMode.NORMAL, Map.of(), 3, passageInProgress, openAlarms, List.of());
    }
}
