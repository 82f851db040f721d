package org.gridgate.config;

/** A barcode/QR scanner, one per direction at most. */
public record ScannerConfig(
        String id,
        Direction direction,
        Transport transport,
        String port,
        int baud,
        Terminator terminator,
        int maxLength) {

    public enum Direction { ENTRY, EXIT }

    public enum Terminator {
        CR(new byte[] {'\r'}), LF(new byte[] {'\n'}), CRLF(new byte[] {'\r', '\n'});

        private final byte[] bytes;

        Terminator(byte[] bytes) {
            this.bytes = bytes;
        }

        public byte[] bytes() {
            return bytes.clone();
        }
    }
}
