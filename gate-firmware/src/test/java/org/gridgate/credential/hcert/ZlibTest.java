package org.gridgate.credential.hcert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ZlibTest {
    @Test
    void roundTrip() throws HcertException {
        byte[] data = new byte[5000];
        new Random(1950).nextBytes(data);
        assertArrayEquals(data, Zlib.inflate(Zlib.deflate(data), 5000));
    }

    @Test
    void zipBombStopsAtTheCap() throws HcertException {
        byte[] bomb = Zlib.deflate(new byte[10_000_000]);
        assertTrue(bomb.length < 20_000, "10 MB of zeros deflate to a few kB");
        HcertException e = assertThrows(HcertException.class, () -> Zlib.inflate(bomb, 64 * 1024));
        assertTrue(e.detail().contains("cap"), e.detail());
        assertArrayEquals(new byte[1000], Zlib.inflate(Zlib.deflate(new byte[1000]), 1000), "exactly the cap is fine");
        assertThrows(HcertException.class, () -> Zlib.inflate(Zlib.deflate(new byte[1001]), 1000));
    }

    @Test
    void uncompressedDataIsRefused() {
        byte[] cose = HexFormat.of().parseHex("d2844da204480c4b15512be914010126a0");
        HcertException e = assertThrows(HcertException.class, () -> Zlib.inflate(cose, 1000));
        assertTrue(e.detail().contains("not compressed"), e.detail());
        assertThrows(HcertException.class, () -> Zlib.inflate(new byte[0], 1000));
        assertThrows(HcertException.class, () -> Zlib.inflate(new byte[] {0x78}, 1000));
    }

    @Test
    void truncatedOrExtendedStreamsAreRefused() {
        byte[] good = Zlib.deflate("a health code payload, long enough to matter".repeat(10).getBytes());
        assertThrows(HcertException.class, () -> Zlib.inflate(Arrays.copyOf(good, good.length - 1), 10_000), "adler32 cut");
        assertThrows(HcertException.class, () -> Zlib.inflate(Arrays.copyOf(good, good.length / 2), 10_000));
        assertThrows(HcertException.class, () -> Zlib.inflate(Arrays.copyOf(good, good.length + 3), 10_000));
        byte[] flipped = good.clone();
        flipped[good.length - 2] ^= 1;
        assertThrows(HcertException.class, () -> Zlib.inflate(flipped, 10_000), "checksum mismatch");
    }
}
