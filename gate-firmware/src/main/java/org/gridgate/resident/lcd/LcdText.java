package org.gridgate.resident.lcd;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.gridgate.resident.ResidentView;
import org.gridgate.resident.Screen;

/**
 * Lays a view out on the ST7920's four rows of 16 bytes in GB2312: a Chinese character takes two
 * bytes and must start at an even column (the controller draws 16x16 glyphs on 16-pixel cells), a
 * half-width character one byte. Text wraps at character boundaries; what does not fit is cut.
 */
public final class LcdText {
    static final Charset GB2312 = Charset.forName("GB2312");
    static final byte SPACE = 0x20;

    private LcdText() {}

    /** Headline first; then, for a denial, the first reason and what to do; else the detail and facts. */
    public static List<byte[]> rows(ResidentView v) {
        List<byte[]> rows = new ArrayList<>(wrap(v.screen().headline().zh()));
        v.temperatureC().ifPresent(t -> rows.addAll(wrap(String.format(Locale.ROOT, "体温：%.1f℃", t))));
        if (v.screen() == Screen.DENIED || v.screen() == Screen.FEVER) {
            if (v.items().size() == 1) {
                rows.addAll(wrap(v.items().get(0).reason().zh()));
            }
            v.steps().stream().findFirst().ifPresent(s -> rows.addAll(wrap(s.zh())));
        } else {
            v.masked().ifPresent(m -> rows.addAll(wrap(m)));
            rows.addAll(wrap(v.screen().detail().zh()));
        }
        while (rows.size() < St7920.ROWS) {
            rows.add(blank());
        }
        return rows.subList(0, St7920.ROWS);
    }

    /** {@code text} in GB2312 rows of 16 bytes, padded with spaces; unmappable characters become '?'. */
    static List<byte[]> wrap(String text) {
        CharsetEncoder enc = GB2312.newEncoder().onUnmappableCharacter(CodingErrorAction.REPLACE)
                .onMalformedInput(CodingErrorAction.REPLACE).replaceWith(new byte[] {'?'});
        List<byte[]> rows = new ArrayList<>();
        byte[] row = blank();
        int col = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            byte[] b = encode(enc, cp);
            if (b.length == 2 && col % 2 == 1) {
                col++; // a full-width glyph starts on an even column: the pad stays a space
            }
            if (b.length == 1 && b[0] == SPACE && col > 0 && col + 1 + width(enc, text, i) > St7920.COLUMNS
                    && width(enc, text, i) <= St7920.COLUMNS) {
                col = St7920.COLUMNS; // the next word would be cut: break the row at this space instead
            }
            if (col + b.length > St7920.COLUMNS) {
                rows.add(row);
                row = blank();
                col = 0;
                if (b.length == 1 && b[0] == SPACE) {
                    continue; // no space at the start of a row
                }
            }
            System.arraycopy(b, 0, row, col, b.length);
            col += b.length;
        }
        if (col > 0 || rows.isEmpty()) {
            rows.add(row);
        }
        return rows;
    }

    /** Bytes the word starting at {@code from} takes, up to the next space. */
    private static int width(CharsetEncoder enc, String text, int from) {
        int w = 0;
        for (int i = from; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (cp == ' ') {
                break;
            }
            i += Character.charCount(cp);
            w += encode(enc, cp).length;
        }
        return w;
    }

    private static byte[] encode(CharsetEncoder enc, int cp) {
        try {
            ByteBuffer out = enc.reset().encode(CharBuffer.wrap(Character.toChars(cp)));
            byte[] b = new byte[out.remaining()];
            out.get(b);
            return b.length == 1 || b.length == 2 ? b : new byte[] {'?'};
        } catch (java.nio.charset.CharacterCodingException e) {
            return new byte[] {'?'};
        }
    }

    static byte[] blank() {
        byte[] b = new byte[St7920.COLUMNS];
        Arrays.fill(b, SPACE);
        return b;
    }
}
