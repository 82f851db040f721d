package org.gridgate.resident;

/**
 * One thing said to a resident, in Simplified Chinese and English. The key is stable: voice clips are
 * named after it ({@code zh/KEY.wav}) and docs/resident.md lists every phrase by it.
 */
public record Phrase(String key, String zh, String en) {
    public Phrase {
        if (!key.matches("[a-z][a-z0-9_.]*")) {
            throw new IllegalArgumentException("phrase key must be lower-case words: " + key);
        }
    }
}
