package org.gridgate.credential.hcert;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The zlib (RFC 1950) layer. Inflation stops at a cap so a small code cannot expand into a zip bomb;
 * data that is not a complete zlib stream (including an uncompressed COSE) is refused.
 */
public final class Zlib {
    private Zlib() {}

    public static byte[] inflate(byte[] compressed, int maxOutput) throws HcertException {
        if (compressed.length < 2 || (compressed[0] & 0x0f) != 8
                || (((compressed[0] & 0xff) << 8) | (compressed[1] & 0xff)) % 31 != 0) {
            throw HcertException.malformed("zlib: no zlib header (data not compressed?)");
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxOutput, compressed.length * 4));
            byte[] buffer = new byte[4096];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw HcertException.malformed(inflater.needsDictionary()
                            ? "zlib: stream needs a preset dictionary" : "zlib: stream truncated");
                }
                if (out.size() + n > maxOutput) {
                    throw HcertException.malformed("zlib: inflates beyond the cap of " + maxOutput + " bytes");
                }
                out.write(buffer, 0, n);
            }
            if (inflater.getRemaining() > 0) {
                throw HcertException.malformed("zlib: " + inflater.getRemaining() + " bytes after the end of the stream");
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw HcertException.malformed("zlib: broken stream");
        } finally {
            inflater.end();
        }
    }

    public static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 16);
            byte[] buffer = new byte[4096];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }
}
