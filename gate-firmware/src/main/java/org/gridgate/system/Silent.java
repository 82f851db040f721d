package org.gridgate.system;

import org.gridgate.signals.Buzzer;

/** Stand-ins for outputs a gate does not have wired. */
final class Silent {
    private Silent() {}

    static final Buzzer BUZZER = new Buzzer() {
        @Override
        public void play(Pattern pattern) {}

        @Override
        public void silence() {}
    };
}
