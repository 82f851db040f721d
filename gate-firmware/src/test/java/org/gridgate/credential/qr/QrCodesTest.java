package org.gridgate.credential.qr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.gridgate.credential.CommunityPass;
import org.gridgate.credential.HealthCredential.Colour;
import org.gridgate.credential.HealthCredential.PersonKind;
import org.gridgate.credential.InMemoryTrustStore;
import org.gridgate.credential.Revocations;
import org.gridgate.credential.TestCredentials;
import org.gridgate.credential.Verification;
import org.gridgate.credential.hcert.Base45;
import org.gridgate.credential.hcert.CommunityPassIssuer;
import org.gridgate.credential.hcert.HcertVerifier;
import org.junit.jupiter.api.Test;

class QrCodesTest {
    private static final Instant NOW = Instant.parse("2026-05-01T07:30:00Z");

    @Test
    void issuedPassDecodesFromItsPngAndVerifies() {
        KeyPair keys = TestCredentials.ecKeys();
        byte[] kid = {1, 2, 3, 4, 5, 6, 7, 8};
        CommunityPassIssuer issuer = new CommunityPassIssuer("GG1:", "Maple Court", keys.getPrivate(), kid);
        CommunityPass pass = new CommunityPass(Colour.YELLOW, "p-1", PersonKind.VISITOR, "2-101", "pass-1", NOW, NOW.plusSeconds(600));
        byte[] png = issuer.issuePng(pass, 400);
        String text = QrCodes.decodePng(png).orElseThrow();
        assertTrue(text.startsWith("GG1:"));
        HcertVerifier v = new HcertVerifier(new InMemoryTrustStore(), new InMemoryTrustStore().add(kid, keys.getPublic()),
                Revocations.NONE, HcertVerifier.Options.defaults());
        Verification result = v.verify(text, NOW);
        assertEquals(Colour.YELLOW, assertInstanceOf(Verification.Verified.class, result, result.toString()).credential().colour());
        Verification fromPicture = v.verifyPng(png, NOW);
        assertEquals("pass-1", assertInstanceOf(Verification.Verified.class, fromPicture).credential().passId());
        Verification.Rejected noCode = assertInstanceOf(Verification.Rejected.class, v.verifyPng(new byte[] {1, 2, 3}, NOW));
        assertEquals(Verification.Failure.UNREADABLE, noCode.failure());
    }

    @Test
    void codeOnALargerNoisyPicture() throws IOException {
        byte[] payload = new byte[400];
        new java.util.Random(640).nextBytes(payload);
        String text = "HC1:" + Base45.encode(payload);
        BufferedImage qr = QrCodes.encode(text, 300);
        BufferedImage scene = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scene.createGraphics();
        g.setColor(new Color(200, 190, 170));
        g.fillRect(0, 0, 640, 480);
        g.drawImage(qr, 170, 90, null);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(scene, "png", png);
        assertEquals(text, QrCodes.decodePng(png.toByteArray()).orElseThrow());
    }

    @Test
    void noCodeOrNoPictureIsEmpty() throws IOException {
        assertTrue(QrCodes.decodePng(new byte[0]).isEmpty());
        assertTrue(QrCodes.decodePng("not a picture".getBytes(StandardCharsets.US_ASCII)).isEmpty());
        ByteArrayOutputStream blank = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(200, 200, BufferedImage.TYPE_BYTE_GRAY), "png", blank);
        assertTrue(QrCodes.decodePng(blank.toByteArray()).isEmpty());
    }

    @Test
    void picturesOverThePixelLimitAreRefusedFromTheirHeader() {
        byte[] png = QrCodes.encodePng("GG1:SIZE-CHECK", 400);
        assertEquals("GG1:SIZE-CHECK", QrCodes.decodePng(png, 400 * 400).orElseThrow());
        assertTrue(QrCodes.decodePng(png, 400 * 400 - 1).isEmpty());
        assertTrue(QrCodes.decodePng(pngHeaderOnly(100_000, 100_000)).isEmpty());
    }

    /** A PNG signature and IHDR claiming the given size, with no image data. */
    private static byte[] pngHeaderOnly(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(17).put("IHDR".getBytes(StandardCharsets.US_ASCII))
                .putInt(width).putInt(height).put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        return ByteBuffer.allocate(8 + 4 + 17 + 4)
                .put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a})
                .putInt(13).put(ihdr.array()).putInt((int) crc.getValue()).array();
    }

    /** Regression: one pass in a few dozen once came out of its own PNG unreadable (a perfect code ZXing missed). */
    @Test
    void everyIssuedPassDecodesFromItsPng() {
        for (int i = 0; i < 150; i++) {
            KeyPair keys = TestCredentials.ecKeys();
            CommunityPassIssuer issuer = new CommunityPassIssuer("GG1:", "Maple Court", keys.getPrivate(),
                    new byte[] {1, 2, 3, 4, 5, 6, 7, (byte) i});
            CommunityPass pass = new CommunityPass(Colour.GREEN, "p-" + i, PersonKind.RESIDENT, "2-101", "pass-" + i,
                    NOW, NOW.plusSeconds(600));
            String text = issuer.issue(pass);
            for (int size : new int[] {300, 400}) {
                byte[] png = QrCodes.encodePng(text, size);
                assertEquals(text, QrCodes.decodePng(png).orElse("(unreadable at " + size + " px)"), "pass " + i);
            }
        }
    }
}
