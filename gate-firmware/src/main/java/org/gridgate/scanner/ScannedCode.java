package org.gridgate.scanner;

import java.time.Instant;
import org.gridgate.passage.Direction;

/** The text a scanner decoded, exactly as read (it may be garbage: the credential check decides). */
public record ScannedCode(String scannerId, Direction direction, String text, Instant at) {
    @Override
    public String toString() {
        // A code can carry personal data: never print its content.
        return "ScannedCode[" + scannerId + ", " + direction + ", " + text.length() + " chars, " + at + "]";
    }
}
