package org.gridgate.fuzz.scanner;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteOrder;
import org.gridgate.scanner.evdev.EvdevFuzzAccess;

/**
 * A keyboard-wedge scanner's evdev stream: 24-byte (64-bit) or 16-byte (32-bit) input_event
 * records, any type, key code and value, split across reads, with unplugs (resets) in between.
 * Properties: no exception; every code is non-empty, within the maximum and made only of characters
 * the US keymap types; every discard says why. Input layout: the records first; record size, byte
 * order, maximum length and read sizes (0 = unplug) from the end.
 */
class EvdevRecordFuzzTest {
    @FuzzTest(maxDuration = "15s")
    void recordsTypeCodesOrAreDiscardedWithAReason(FuzzedDataProvider data) {
        int recordSize = data.consumeBoolean() ? 24 : 16;
        ByteOrder order = data.consumeBoolean() ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        int max = data.consumeInt(1, 64);
        int[] chunks = new int[data.consumeInt(0, 8)];
        for (int i = 0; i < chunks.length; i++) {
            chunks[i] = data.consumeInt(0, 48);
        }
        byte[] stream = data.consumeRemainingAsBytes();

        EvdevFuzzAccess.Result r = EvdevFuzzAccess.decode(recordSize, max, order, stream, chunks);
        for (String code : r.codes()) {
            assertFalse(code.isEmpty());
            assertTrue(code.length() <= max, "code of " + code.length() + " > max " + max);
            for (char c : code.toCharArray()) {
                assertTrue(EvdevFuzzAccess.typeable(c), "typed a character no key types: " + (int) c);
            }
        }
        for (String d : r.discards()) {
            assertFalse(d.isBlank(), "a discard without a reason");
        }
        assertTrue(r.codes().size() + r.discards().size() <= stream.length / recordSize + chunks.length);
    }
}
