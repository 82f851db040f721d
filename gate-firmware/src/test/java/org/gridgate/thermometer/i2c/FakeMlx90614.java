package org.gridgate.thermometer.i2c;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A sensor on a fake bus that behaves like the datasheet: replies carry a correct PEC, writes with a
 * bad PEC are ignored, an EEPROM cell written without erasing first (or within 10 ms of the erase)
 * ends up corrupted. It can vanish, and corrupt replies.
 */
final class FakeMlx90614 implements Smbus {
    final Map<Integer, Integer> words = new HashMap<>();
    final List<String> writes = new ArrayList<>();
    private final Clock clock;
    private Instant erasedAt = Instant.MIN;
    boolean present = true;
    int corruptNextReplies;
    int reads;

    FakeMlx90614(Clock clock) {
        this.clock = clock;
        words.put(Mlx90614Protocol.EEPROM_EMISSIVITY, 0xFFFF);
    }

    void celsius(int command, double c) {
        words.put(command, (int) Math.round((c + 273.15) / 0.02));
    }

    @Override
    public int address() {
        return 0x5A;
    }

    @Override
    public void read(int command, byte[] into) throws IOException {
        reads++;
        if (!present) {
            throw new IOException("Remote I/O error");
        }
        int w = words.getOrDefault(command, 0);
        into[0] = (byte) w;
        into[1] = (byte) (w >> 8);
        into[2] = (byte) Mlx90614Protocol.readPec(0x5A, command, w & 0xFF, (w >> 8) & 0xFF);
        if (corruptNextReplies > 0) {
            corruptNextReplies--;
            into[0] ^= 0x10;
        }
    }

    @Override
    public void write(int command, byte[] data) throws IOException {
        if (!present) {
            throw new IOException("Remote I/O error");
        }
        int w = (data[0] & 0xFF) | (data[1] & 0xFF) << 8;
        byte[] expect = Mlx90614Protocol.writeWord(0x5A, command, w);
        if (expect[2] != data[2]) {
            writes.add("bad-pec");
            return;
        }
        writes.add(String.format("%02X<-%04X", command, w));
        if (w == 0) {
            erasedAt = clock.instant();
            words.put(command, 0);
        } else if (Duration.between(erasedAt, clock.instant()).compareTo(Duration.ofMillis(10)) < 0) {
            words.put(command, 0xDEAD); // still busy erasing
        } else {
            words.put(command, words.getOrDefault(command, 0) | w); // EEPROM bits only clear on erase
        }
    }

    @Override
    public void close() {}
}
