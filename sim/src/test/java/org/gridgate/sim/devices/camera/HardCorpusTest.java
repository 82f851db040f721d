package org.gridgate.sim.devices.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gridgate.credential.qr.GreyImage;
import org.gridgate.credential.qr.QrDecoder;
import org.junit.jupiter.api.Test;

/**
 * The decoder against a hard corpus: codes generated with ZXing and degraded the ways real ones are
 * (see {@link Degradation}). Prints the decode rate per class, next to plain ZXing's (hybrid
 * binarizer, TRY_HARDER) on the same pictures, and requires every class a phone screen can show to
 * read at 100 %.
 */
class HardCorpusTest {
    static final int PER_CLASS = Integer.getInteger("gridgate.corpusSize", 8);
    private static final String BASE45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

    /** An HC1-like text: the prefix and Base45 of a few hundred bytes. */
    static String passText(long seed) {
        return passText(seed, 250, 550);
    }

    /** The text for a class: a dense code is one whose content needs version 25 or more (over 1,100 characters). */
    static String passText(Degradation d, long seed) {
        return d == Degradation.DENSE ? passText(seed, 1_150, 2_300) : passText(seed);
    }

    private static String passText(long seed, int min, int max) {
        Random r = new Random(seed);
        int n = min + r.nextInt(max - min);
        StringBuilder s = new StringBuilder("HC1:");
        for (int i = 0; i < n; i++) {
            s.append(BASE45.charAt(r.nextInt(BASE45.length())));
        }
        return s.toString();
    }

    @Test
    void everyClassAPhoneScreenCanShowDecodesFully() {
        Map<Degradation, int[]> ours = new EnumMap<>(Degradation.class);
        Map<Degradation, int[]> plain = new EnumMap<>(Degradation.class);
        List<String> misses = new ArrayList<>();
        for (Degradation d : Degradation.values()) {
            int[] o = new int[1];
            int[] p = new int[1];
            for (int i = 0; i < PER_CLASS; i++) {
                long seed = 1000L * d.ordinal() + i;
                String text = passText(d, seed);
                BufferedImage picture = PhoneScreens.picture(text, d, seed);
                var got = new QrDecoder().decode(GreyImage.of(picture));
                if (got.isPresent() && got.get().text().equals(text)) {
                    o[0]++;
                } else {
                    misses.add(d + " seed " + seed);
                    dump(picture, d + "-" + seed);
                }
                if (text.equals(plainZxing(picture))) {
                    p[0]++;
                }
            }
            ours.put(d, o);
            plain.put(d, p);
        }
        StringBuilder table = new StringBuilder("class               gridgate  plain-zxing (of " + PER_CLASS + ")\n");
        ours.forEach((d, o) -> table.append(String.format("%-20s %5.0f %%   %5.0f %%  %s%n", d,
                100.0 * o[0] / PER_CLASS, 100.0 * plain.get(d)[0] / PER_CLASS,
                d.readable() ? "" : "(not always readable: " + d.unreadableBecause() + ")")));
        System.out.println(table);
        for (Degradation d : Degradation.values()) {
            if (d.readable()) {
                assertEquals(PER_CLASS, ours.get(d)[0], d + " not fully read: " + misses + "\n" + table);
            }
            assertTrue(ours.get(d)[0] >= plain.get(d)[0], d + ": fewer than plain ZXing\n" + table);
        }
        assertTrue(plain.values().stream().anyMatch(p -> p[0] < PER_CLASS),
                "the corpus is hard: plain ZXing misses some of it\n" + table);
    }

    /** With -Dgridgate.corpusDump=DIR, the pictures missed are written there for a look. */
    private static void dump(BufferedImage picture, String name) {
        String dir = System.getProperty("gridgate.corpusDump");
        if (dir != null) {
            try {
                java.nio.file.Files.createDirectories(java.nio.file.Path.of(dir));
                javax.imageio.ImageIO.write(picture, "png", java.nio.file.Path.of(dir, name + ".png").toFile());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    static String plainZxing(BufferedImage picture) {
        try {
            return new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(picture))),
                    Map.of(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE), DecodeHintType.TRY_HARDER, true))
                    .getText();
        } catch (Exception e) {
            return null;
        }
    }
}
