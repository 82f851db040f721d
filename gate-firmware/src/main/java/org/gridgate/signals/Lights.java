package org.gridgate.signals;

/** Indicator lights (green/red/amber) telling a resident what the gate wants or decided. */
public interface Lights {
    enum Indication { IDLE, WAITING, GRANTED, DENIED, ALARM, FAULT }

    void show(Indication indication);
}
