package org.gridgate.thermometer.i2c;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProvider;
import java.io.IOException;

/**
 * SMBus through a Pi4J I2C device. On linuxfs a register read is one {@code I2C_RDWR} transfer of a
 * write and a read message, i.e. the repeated start the MLX90614 requires.
 */
final class Pi4jSmbus implements Smbus {
    private final I2C i2c;
    private final int address;
    private final Context owned;

    Pi4jSmbus(I2C i2c, int address, Context owned) {
        this.i2c = i2c;
        this.address = address;
        this.owned = owned;
    }

    /** A device on {@code /dev/i2c-BUS} through its own Pi4J context with only the linuxfs I2C provider. */
    static Pi4jSmbus linuxfs(String id, int bus, int address) {
        Context ctx = Pi4J.newContextBuilder().add(LinuxFsI2CProvider.newInstance()).build();
        try {
            return new Pi4jSmbus(on(ctx, id, bus, address), address, ctx);
        } catch (RuntimeException e) {
            ctx.shutdown();
            throw e;
        }
    }

    static I2C on(Context ctx, String id, int bus, int address) {
        return ctx.create(I2C.newConfigBuilder(ctx).id(id).name(id).bus(bus).device(address).build());
    }

    @Override
    public int address() {
        return address;
    }

    @Override
    public void read(int command, byte[] into) throws IOException {
        int n;
        try {
            n = i2c.readRegister(command, into, 0, into.length);
        } catch (RuntimeException e) {
            throw new IOException("i2c read of 0x" + Integer.toHexString(command) + " failed: " + e.getMessage(), e);
        }
        if (n != into.length) {
            throw new IOException("i2c read of 0x" + Integer.toHexString(command) + " returned " + n + " of "
                    + into.length + " bytes");
        }
    }

    @Override
    public void write(int command, byte[] data) throws IOException {
        int n;
        try {
            n = i2c.writeRegister(command, data, 0, data.length);
        } catch (RuntimeException e) {
            throw new IOException("i2c write of 0x" + Integer.toHexString(command) + " failed: " + e.getMessage(), e);
        }
        if (n < data.length) {
            throw new IOException("i2c write of 0x" + Integer.toHexString(command) + " wrote " + n + " of "
                    + data.length + " bytes");
        }
    }

    @Override
    public void close() {
        try {
            i2c.close();
        } finally {
            if (owned != null) {
                owned.shutdown();
            }
        }
    }
}
