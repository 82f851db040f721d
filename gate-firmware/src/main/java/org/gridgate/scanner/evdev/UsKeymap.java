package org.gridgate.scanner.evdev;

/**
 * Linux key codes ({@code input-event-codes.h}) to the characters a US-layout keyboard types, the
 * layout keyboard-wedge scanners emulate by default. Keypad keys type their digits and operators.
 */
final class UsKeymap {
    static final int KEY_ENTER = 28;
    static final int KEY_LEFTSHIFT = 42;
    static final int KEY_RIGHTSHIFT = 54;
    static final int KEY_CAPSLOCK = 58;
    static final int KEY_KPENTER = 96;

    private static final char[] PLAIN = new char[128];
    private static final char[] SHIFTED = new char[128];

    static {
        row(2, "1234567890-=", "!@#$%^&*()_+");
        row(16, "qwertyuiop[]", "QWERTYUIOP{}");
        row(30, "asdfghjkl;'`", "ASDFGHJKL:\"~");
        row(43, "\\zxcvbnm,./", "|ZXCVBNM<>?");
        row(55, "*", "*");
        row(57, " ", " ");
        row(71, "789-456+1230.", "789-456+1230.");
        row(98, "/", "/");
    }

    private UsKeymap() {}

    private static void row(int first, String plain, String shifted) {
        for (int i = 0; i < plain.length(); i++) {
            PLAIN[first + i] = plain.charAt(i);
            SHIFTED[first + i] = shifted.charAt(i);
        }
    }

    /** The character for a key press, or 0 if the key types none. Caps lock only affects letters. */
    static char type(int code, boolean shift, boolean capsLock) {
        if (code < 0 || code >= PLAIN.length || PLAIN[code] == 0) {
            return 0;
        }
        char c = shift ? SHIFTED[code] : PLAIN[code];
        if (capsLock && Character.isLetter(c)) {
            c = shift ? Character.toLowerCase(c) : Character.toUpperCase(c);
        }
        return c;
    }
}
