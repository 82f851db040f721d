package org.gridgate.credential.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** QR codes from and to images with ZXing. Decoding never throws: an unreadable picture is empty. */
public final class QrCodes {
    /** Larger pictures are refused before decoding: a PNG header can claim any size. */
    public static final int MAX_PIXELS = 4096 * 4096;

    private QrCodes() {}

    /** The text of the QR code in the picture, by every pass of {@link QrDecoder}. */
    public static Optional<String> decode(BufferedImage image) {
        try {
            return new QrDecoder().decode(GreyImage.of(image)).map(QrDecoder.Decoded::text);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The text of the QR code in a PNG (or any format ImageIO reads); empty if none is found. */
    public static Optional<String> decodePng(byte[] png) {
        return decodePng(png, MAX_PIXELS);
    }

    /** As {@link #decodePng(byte[])}, refusing pictures of more than {@code maxPixels} from their header. */
    public static Optional<String> decodePng(byte[] png, long maxPixels) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(png))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return Optional.empty();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                if ((long) reader.getWidth(0) * reader.getHeight(0) > maxPixels) {
                    return Optional.empty();
                }
                return decode(reader.read(0));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A QR code of {@code text} (error correction M), {@code sizePx} square, black on white. */
    public static BufferedImage encode(String text, int sizePx) {
        try {
            BitMatrix matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, sizePx, sizePx,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
            return MatrixToImageWriter.toBufferedImage(matrix);
        } catch (WriterException e) {
            throw new IllegalArgumentException("text does not fit in a QR code", e);
        }
    }

    public static byte[] encodePng(String text, int sizePx) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(encode(text, sizePx), "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
