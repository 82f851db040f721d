package org.gridgate.credential.qr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The decoder's passes one by one, on the kinds of picture plain ZXing misses (the full corpus of degraded
 * codes, with rates per class, is {@code HardCorpusTest} in the simulator).
 */
class QrDecoderTest {
    static final String TEXT = "HC1:6BFOXN%TS3DH0YOJ58S S-W5HDC *M0II5XHC9B5G2+$N IOP-IA%NFQGRJPC%OQHIZC4.OI1RM8ZA.A5:S9MKN4NN3F85QNCY0O%0VZ001HOC9JU0D0HT0HB2PL/IB*09B9LW4T*8+DCMH0LDK2%K:XFE70*LP$V25$0Q:J:4MO1P0%0L0HD+9E/HY+4J6TH48S%4K.GJ2PT3QY:GQ3TE2I+-CPHN6D7LLK*Y0ZQSN1R";

    static BitMatrix code(int margin) throws Exception {
        return new QRCodeWriter().encode(TEXT, BarcodeFormat.QR_CODE, 0, 0,
                Map.of(EncodeHintType.MARGIN, margin, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M));
    }

    /** The matrix at {@code module} pixels; dark modules {@code ink}, the rest {@code paper} (ARGB). */
    static BufferedImage picture(BitMatrix m, int module, int ink, int paper) {
        BufferedImage out = new BufferedImage(m.getWidth() * module, m.getHeight() * module, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                out.setRGB(x, y, m.get(x / module, y / module) ? ink : paper);
            }
        }
        return out;
    }

    static Optional<String> decoded(BufferedImage picture) {
        return new QrDecoder().decode(GreyImage.of(picture)).map(QrDecoder.Decoded::text);
    }

    @Test
    void darkOnATransparentBackgroundIsReadOnWhite() throws Exception {
        // Transparent pixels with RGB 0: without flattening onto white they are as black as the modules.
        BufferedImage rgba = picture(code(2), 3, 0xff000000, 0x00000000);
        assertEquals(Optional.of(TEXT), decoded(rgba));
        GreyImage g = GreyImage.of(rgba);
        assertEquals(255, g.at(0, 0), "transparent is white");
    }

    @Test
    void lightModulesOnDarkAreTurnedBack() throws Exception {
        BufferedImage dark = picture(code(4), 4, 0xffffffff, 0xff101010);
        var found = new QrDecoder().decode(GreyImage.of(dark));
        assertEquals(Optional.of(TEXT), found.map(QrDecoder.Decoded::text));
        assertTrue(found.get().pass().contains("inverted"), found.get().pass());
    }

    @Test
    void onePixelModulesWithoutQuietZoneAreEnlarged() throws Exception {
        BufferedImage tiny = picture(code(0), 1, 0xff000000, 0xffffffff);
        assertEquals(Optional.of(TEXT), decoded(tiny));
    }

    @Test
    void theFastPassReadsATidyFrameAndABudgetOfZeroStopsThere() throws Exception {
        BufferedImage tidy = picture(code(4), 4, 0xff000000, 0xffffffff);
        QrDecoder d = new QrDecoder();
        assertEquals("hybrid", d.decode(GreyImage.of(tidy), 0).orElseThrow().pass());
        BufferedImage dark = picture(code(4), 4, 0xffffffff, 0xff101010);
        assertEquals(Optional.empty(), d.decode(GreyImage.of(dark), 0), "only the fast pass within no budget");
    }

    @Test
    void noCodeIsEmptyNotAnError() {
        BufferedImage noise = new BufferedImage(200, 150, BufferedImage.TYPE_BYTE_GRAY);
        java.util.Random r = new java.util.Random(3);
        for (int y = 0; y < 150; y++) {
            for (int x = 0; x < 200; x++) {
                noise.getRaster().setSample(x, y, 0, r.nextInt(256));
            }
        }
        assertEquals(Optional.empty(), decoded(noise));
        assertEquals(Optional.empty(), decoded(new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB)));
    }
}
