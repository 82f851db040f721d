package org.gridgate.sim.provision;

/** Which volunteer PINs provisioning refuses: not digits, too short or long, or guessable by anyone. */
final class Pins {
    private Pins() {}

    /** Why {@code pin} will not do, or null. */
    static String problem(char[] pin) {
        if (pin.length < 4 || pin.length > 32) {
            return "a PIN is 4 to 32 digits";
        }
        for (char c : pin) {
            if (c < '0' || c > '9') {
                return "a PIN is digits only";
            }
        }
        String s = new String(pin);
        if (s.equals("2020") || s.equals("2021")) {
            return "that is a rehearsal PIN from the docs: choose the volunteer's own";
        }
        boolean same = true;
        boolean up = true;
        boolean down = true;
        for (int i = 1; i < pin.length; i++) {
            same &= pin[i] == pin[0];
            up &= pin[i] == (char) ('0' + (pin[i - 1] - '0' + 1) % 10);
            down &= pin[i] == (char) ('0' + (pin[i - 1] - '0' + 9) % 10);
        }
        return same || up || down ? "too easy to guess (repeated or consecutive digits)" : null;
    }
}
