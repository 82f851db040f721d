package org.gridgate.fuzz.thermometer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.util.Arrays;
import org.gridgate.thermometer.TemperatureReading;
import org.gridgate.thermometer.i2c.Mlx90614FuzzAccess;

/**
 * MLX90614 SMBus replies (LSB MSB PEC) as the sensor, a noisy bus or a broken part could send them,
 * under the real thermometer's poll loop. Properties: no exception escapes; a word is accepted only
 * with its PEC; every reading is a temperature the sensor's 16-bit range can express, never one with
 * the error flag; every fault says why. Input layout: the replies first, the NAK pattern and poll
 * count from the end.
 */
class Mlx90614FuzzTest {
    private static final int ADDRESS = 0x5A;

    @FuzzTest(maxDuration = "15s")
    void repliesAreCheckedNeverTrustedBlindly(FuzzedDataProvider data) {
        int nakEvery = data.consumeInt(0, 7);
        int polls = data.consumeInt(1, 12);
        int command = data.consumeInt(0, 0xFF);
        byte[] replies = data.consumeRemainingAsBytes();

        if (replies.length >= 3) {
            byte[] reply = Arrays.copyOf(replies, 3);
            try {
                int word = Mlx90614FuzzAccess.word(ADDRESS, command, reply);
                assertTrue(word >= 0 && word <= 0xFFFF);
                assertArrayEquals(Mlx90614FuzzAccess.reply(ADDRESS, command, word), reply, "accepted without a valid PEC");
            } catch (IOException e) {
                assertFalse(e.getMessage() == null || e.getMessage().isBlank());
            }
        }

        Mlx90614FuzzAccess.Result r = Mlx90614FuzzAccess.poll(replies, nakEvery, polls);
        assertTrue(r.readings().size() <= polls + 1);
        for (TemperatureReading t : r.readings()) {
            // 15-bit words (bit 15 is the error flag) in 0.02 K steps.
            assertTrue(t.objectC() >= -273.15 && t.objectC() <= 0x7FFF * 0.02 - 273.15 + 1e-9, "object " + t.objectC());
            assertTrue(t.ambientC() >= -273.15 && t.ambientC() <= 0xFFFF * 0.02 - 273.15 + 1e-9);
        }
        for (String f : r.faults()) {
            assertFalse(f == null || f.isBlank(), "a fault without a reason");
        }
        if (r.readings().isEmpty() && r.reads() > 0) {
            assertFalse(r.faults().isEmpty(), "polls without a reading must report a fault");
        }
        assertEquals(r.readings().size(), r.readings().stream().filter(t -> !t.raw().isBlank()).count());
    }
}
