package org.gridgate.scanner.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.gridgate.config.ScannerConfig.Terminator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LineParserTest {
    final List<String> lines = new ArrayList<>();
    final List<String> discarded = new ArrayList<>();

    LineParser parser(Terminator t, int max) {
        return new LineParser(t.bytes(), max, new LineParser.Sink() {
            @Override
            public void line(String text) {
                lines.add(text);
            }

            @Override
            public void discarded(String reason) {
                discarded.add(reason);
            }
        });
    }

    static void feed(LineParser p, String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        p.feed(b, 0, b.length);
    }

    @ParameterizedTest
    @EnumSource(Terminator.class)
    void eachTerminatorEndsACode(Terminator t) {
        LineParser p = parser(t, 64);
        String term = new String(t.bytes(), StandardCharsets.ISO_8859_1);
        feed(p, "HC1:ABC" + term + "GG1:XYZ" + term);
        assertEquals(List.of("HC1:ABC", "GG1:XYZ"), lines);
    }

    @Test
    void codeSplitByteByByteIsReassembled() {
        LineParser p = parser(Terminator.CRLF, 64);
        for (char c : "GG1:12345\r\n".toCharArray()) {
            feed(p, String.valueOf(c));
        }
        assertEquals(List.of("GG1:12345"), lines);
    }

    @Test
    void crlfTerminatorSplitBetweenReads() {
        LineParser p = parser(Terminator.CRLF, 64);
        feed(p, "AB\r");
        assertTrue(lines.isEmpty());
        feed(p, "\nCD\r\n");
        assertEquals(List.of("AB", "CD"), lines);
    }

    @Test
    void overlongInputIsDiscardedUpToTheNextTerminatorAndReported() {
        LineParser p = parser(Terminator.CR, 16);
        feed(p, "X".repeat(40) + "\rOK-CODE\r");
        assertEquals(List.of("OK-CODE"), lines);
        assertEquals(1, discarded.size());
        assertTrue(discarded.get(0).contains("40 bytes"), discarded.toString());
    }

    @Test
    void codeOfExactlyMaxLengthIsKept() {
        LineParser p = parser(Terminator.CRLF, 16);
        feed(p, "A".repeat(16) + "\r\n" + "B".repeat(17) + "\r\n");
        assertEquals(List.of("A".repeat(16)), lines);
        assertEquals(1, discarded.size());
    }

    @Test
    void emptyLinesAreIgnored() {
        LineParser p = parser(Terminator.CR, 16);
        feed(p, "\r\r\rA\r");
        assertEquals(List.of("A"), lines);
    }
}
