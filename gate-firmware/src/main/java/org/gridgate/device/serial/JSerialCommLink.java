package org.gridgate.device.serial;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import org.gridgate.device.ByteLink;

/**
 * A serial port (or pseudo-terminal) through jSerialComm, 8N1, reads waiting at most
 * {@link #READ_TIMEOUT_MS}. A read error or a vanished port surfaces as IOException.
 */
public final class JSerialCommLink implements ByteLink {
    static final int READ_TIMEOUT_MS = 100;
    private final SerialPort port;
    private final String path;

    private JSerialCommLink(SerialPort port, String path) {
        this.port = port;
        this.path = path;
    }

    public static JSerialCommLink open(String path, int baud) throws IOException {
        SerialPort p;
        try {
            p = SerialPort.getCommPort(path);
        } catch (RuntimeException e) {
            throw new IOException("no serial port " + path, e);
        }
        p.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        p.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        p.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                READ_TIMEOUT_MS, 1000);
        if (!p.openPort()) {
            // The session prefixes "cannot open <port>": say only why.
            throw new IOException("open failed (errno " + p.getLastErrorCode() + ")");
        }
        return new JSerialCommLink(p, path);
    }

    @Override
    public int read(byte[] buf) throws IOException {
        int n = port.readBytes(buf, buf.length);
        if (n < 0) {
            throw new IOException(path + " read failed (error " + port.getLastErrorCode() + ")");
        }
        if (n == 0 && !port.isOpen()) {
            throw new IOException(path + " closed");
        }
        return n;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        int n = port.writeBytes(bytes, bytes.length);
        if (n != bytes.length) {
            throw new IOException(path + " write failed (" + n + " of " + bytes.length + " bytes)");
        }
    }

    @Override
    public String name() {
        return path;
    }

    @Override
    public void close() {
        port.closePort();
    }
}
