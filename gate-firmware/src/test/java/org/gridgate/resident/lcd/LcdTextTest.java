package org.gridgate.resident.lcd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.gridgate.passage.Direction;
import org.gridgate.passage.Reason;
import org.gridgate.resident.NextSteps;
import org.gridgate.resident.ResidentView;
import org.gridgate.resident.Screen;
import org.junit.jupiter.api.Test;

class LcdTextTest {
    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Test
    void aFullWidthCharacterStartsOnAnEvenColumn() {
        List<byte[]> rows = LcdText.wrap("A请");
        assertEquals("4120c7eb" + "20".repeat(12), hex(rows.get(0)), "'A', a pad space, then 请 at column 2");
    }

    @Test
    void textWrapsAtCharacterBoundariesAndPrefersSpaces() {
        // 体温异常 (8 bytes) + space + 暂不能通行 (10 bytes) does not fit: break at the space.
        List<byte[]> rows = LcdText.wrap("体温异常 暂不能通行");
        assertEquals(2, rows.size());
        assertEquals("cce5cec2d2ecb3a3" + "20".repeat(8), hex(rows.get(0)));
        assertEquals("d4ddb2bbc4dccda8d0d0" + "20".repeat(6), hex(rows.get(1)));
        // No space to break at: 9 characters wrap after the eighth.
        List<byte[]> long9 = LcdText.wrap("一二三四五六七八九");
        assertEquals(2, long9.size());
        assertEquals("bec5" + "20".repeat(14), hex(long9.get(1)));
    }

    @Test
    void aDenialShowsHeadlineReasonAndWhatToDo() {
        ResidentView v = new ResidentView(3, Screen.DENIED, Instant.EPOCH, Optional.of(Direction.ENTRY),
                List.of(new ResidentView.Item(NextSteps.reason(Reason.NO_MASK), NextSteps.of(Reason.NO_MASK))),
                Optional.of(36.4), Optional.of("*****5"));
        List<byte[]> rows = LcdText.rows(v);
        assertEquals(4, rows.size());
        assertEquals("暂不能通行", new String(rows.get(0), LcdText.GB2312).strip());
        assertEquals("体温：36.4℃", new String(rows.get(1), LcdText.GB2312).strip());
        assertEquals("未佩戴口罩", new String(rows.get(2), LcdText.GB2312).strip());
        assertEquals("请戴好口罩后重新", new String(rows.get(3), LcdText.GB2312).strip(), "cut at the fourth row");
    }

    @Test
    void charactersOutsideGb2312BecomeQuestionMarks() {
        assertEquals("3f" + "20".repeat(15), hex(LcdText.wrap("\uD83D\uDE00").get(0)));
    }
}
