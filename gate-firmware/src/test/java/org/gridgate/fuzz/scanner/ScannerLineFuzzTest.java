package org.gridgate.fuzz.scanner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.gridgate.config.ScannerConfig;
import org.gridgate.scanner.serial.SerialScannerFuzzAccess;

/**
 * A serial scanner's byte stream (codes, GM65 command replies, line noise), split into reads at
 * arbitrary points, through the GM65 reply filter and the line parser. Properties: no exception; a
 * code is never empty, never longer than the maximum, never holds the terminator; the outcome does
 * not depend on read boundaries; every discard says why. Input layout: the stream first; terminator,
 * maximum length, GM65 mode and read sizes from the end.
 */
class ScannerLineFuzzTest {
    @FuzzTest(maxDuration = "15s")
    void linesAreCodesOrDiscardedWithAReason(FuzzedDataProvider data) {
        ScannerConfig.Terminator term = data.pickValue(ScannerConfig.Terminator.values());
        int max = data.consumeInt(16, 96); // the config allows 16..65536; small keeps overflows reachable
        boolean gm65 = data.consumeBoolean();
        int[] chunks = new int[data.consumeInt(0, 8)];
        for (int i = 0; i < chunks.length; i++) {
            chunks[i] = data.consumeInt(1, 32);
        }
        byte[] stream = data.consumeRemainingAsBytes();
        byte[] terminator = term.bytes();

        SerialScannerFuzzAccess.Result split = SerialScannerFuzzAccess.parse(terminator, max, gm65, stream, chunks);
        SerialScannerFuzzAccess.Result whole = SerialScannerFuzzAccess.parse(terminator, max, gm65, stream, new int[0]);

        assertEquals(whole, split, "the outcome does not depend on read boundaries");
        String t = new String(terminator, StandardCharsets.ISO_8859_1);
        for (String line : whole.lines()) {
            assertFalse(line.isEmpty());
            assertTrue(line.length() <= max, "code of " + line.length() + " > max " + max);
            assertFalse(line.contains(t), "code holds its terminator");
        }
        for (String d : whole.discards()) {
            assertFalse(d.isBlank(), "a discard without a reason");
        }
        for (int v : whole.replies()) {
            assertTrue(v >= 0 && v <= 0xFF);
        }
        if (!gm65) {
            assertTrue(whole.replies().isEmpty());
        }
    }
}
