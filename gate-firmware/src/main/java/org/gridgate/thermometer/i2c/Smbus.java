package org.gridgate.thermometer.i2c;

import java.io.IOException;

/**
 * One SMBus slave, reduced to what the MLX90614 needs. A read is one combined transfer with a
 * repeated start ({@code S addr_w cmd Sr addr_r data... P}); a write is {@code S addr_w cmd data... P}.
 * Any bus error (NAK, arbitration lost, adapter gone) is an IOException.
 */
interface Smbus extends AutoCloseable {
    /** The 7-bit slave address, needed for the packet error code. */
    int address();

    void read(int command, byte[] into) throws IOException;

    void write(int command, byte[] data) throws IOException;

    @Override
    void close();
}
