package org.gridgate.sim.devices;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.gridgate.config.ScannerConfig;
import org.gridgate.device.ByteLink;

/** Plays a line scanner: each presented code goes out as its bytes followed by the terminator. */
public final class SimulatedScanner implements DeviceEnd {
    private final ScannerConfig.Terminator terminator;
    private volatile ByteLink link;

    public SimulatedScanner(ScannerConfig.Terminator terminator) {
        this.terminator = terminator;
    }

    /** The bytes a scanner sends for {@code code}: exactly what the gate will read. */
    public byte[] wireBytes(String code) {
        byte[] text = code.getBytes(StandardCharsets.ISO_8859_1);
        byte[] term = terminator.bytes();
        byte[] out = new byte[text.length + term.length];
        System.arraycopy(text, 0, out, 0, text.length);
        System.arraycopy(term, 0, out, text.length, term.length);
        return out;
    }

    /** Sends a code; false if the gate has not opened the port (or it was unplugged). */
    public boolean scan(String code) {
        return send(wireBytes(code));
    }

    /** Sends raw bytes (garbage, half a code) for bench tests of bad input. */
    public boolean send(byte[] bytes) {
        ByteLink l = link;
        if (l == null) {
            return false;
        }
        try {
            l.write(bytes);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void attach(ByteLink link) {
        this.link = link;
    }

    @Override
    public void detach() {
        ByteLink l = link;
        link = null;
        if (l != null) {
            l.close();
        }
    }

    public boolean attached() {
        return link != null;
    }
}
