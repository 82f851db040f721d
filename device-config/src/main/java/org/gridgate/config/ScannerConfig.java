package org.gridgate.config;

/**
 * A barcode/QR scanner, one per direction at most.
 *
 * @param trigger serial scanners in command-trigger mode: which command set arms them
 * @param recordSize evdev: bytes per {@code struct input_event}, 16 or 24; 0 = from the JVM's data model
 * @param grab evdev: take the keyboard exclusively (EVIOCGRAB) so codes never reach a console
 * @param camera camera scanners ({@code transport: camera}): source, device, resolution, region, formats
 */
public record ScannerConfig(
        String id,
        Direction direction,
        Transport transport,
        String port,
        int baud,
        Terminator terminator,
        int maxLength,
        Trigger trigger,
        int recordSize,
        boolean grab,
        java.util.Optional<CameraConfig> camera) {

    public ScannerConfig {
        java.util.Objects.requireNonNull(camera, "camera");
    }

    /** Every scanner but a camera. */
    public ScannerConfig(String id, Direction direction, Transport transport, String port, int baud,
            Terminator terminator, int maxLength, Trigger trigger, int recordSize, boolean grab) {
        this(id, direction, transport, port, baud, terminator, maxLength, trigger, recordSize, grab,
                java.util.Optional.empty());
    }

    /** The shape before triggers and evdev options existed: no trigger, record size detected, grabbed. */
    public ScannerConfig(String id, Direction direction, Transport transport, String port, int baud,
            Terminator terminator, int maxLength) {
        this(id, direction, transport, port, baud, terminator, maxLength, Trigger.NONE, 0, true);
    }

    /** How a serial scanner is told to scan: not at all (it scans on its own), GM65 or Honeywell commands. */
    public enum Trigger { NONE, GM65, HONEYWELL }

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
