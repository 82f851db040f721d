package org.gridgate.fuzz.thermometer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.gridgate.thermometer.serial.GyMcu90614FuzzAccess;
import org.gridgate.thermometer.serial.GyMcu90614Protocol;

/**
 * The GY-MCU90614 UART byte stream, split into reads at arbitrary points. Properties: no exception;
 * the same frames and rejections however the stream is split; every frame decoded is one the board
 * could have sent (its exact 9 bytes occur in the stream); every rejection says why.
 * Input layout: the stream first, the read sizes taken from the end (FuzzedDataProvider).
 */
class GyMcu90614FrameFuzzTest {
    @FuzzTest(maxDuration = "15s")
    void framesSurviveAnyStreamAndSplit(FuzzedDataProvider data) {
        int[] chunks = new int[data.consumeInt(0, 8)];
        for (int i = 0; i < chunks.length; i++) {
            chunks[i] = data.consumeInt(1, 16);
        }
        byte[] stream = data.consumeRemainingAsBytes();

        GyMcu90614FuzzAccess.Result split = GyMcu90614FuzzAccess.parse(stream, chunks);
        GyMcu90614FuzzAccess.Result whole = GyMcu90614FuzzAccess.parse(stream, new int[0]);

        assertEquals(whole.frames().size(), split.frames().size(), "frames do not depend on read boundaries");
        for (int i = 0; i < whole.frames().size(); i++) {
            assertArrayEquals(whole.frames().get(i), split.frames().get(i));
        }
        assertEquals(whole.rejections(), split.rejections());
        assertTrue(whole.frames().size() <= stream.length / GyMcu90614Protocol.FRAME_LENGTH);
        for (double[] f : whole.frames()) {
            assertTrue(contains(stream, GyMcu90614Protocol.frame(f[0], f[1])), "decoded a frame that was never sent");
        }
        assertReasons(whole.rejections());
    }

    static void assertReasons(List<String> reasons) {
        for (String r : reasons) {
            assertFalse(r == null || r.isBlank(), "a rejection without a reason");
        }
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
