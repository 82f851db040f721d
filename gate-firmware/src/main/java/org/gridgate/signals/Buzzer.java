package org.gridgate.signals;

/** The buzzer; each pattern is distinct so a resident (or volunteer) hears what happened. */
public interface Buzzer {
    enum Pattern {
        /** One short beep. */
        GRANTED,
        /** Two short beeps. */
        DENIED,
        /** A short chirp: an input is missing, e.g. "step closer" or "scan your code". */
        PROMPT,
        /** Long repeated tones: fever. */
        FEVER_ALARM,
        /** Continuous until the door shuts or a volunteer acknowledges: door forced or held open. */
        DOOR_ALARM
    }

    void play(Pattern pattern);

    void silence();
}
