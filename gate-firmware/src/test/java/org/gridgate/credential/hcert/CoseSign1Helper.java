package org.gridgate.credential.hcert;

/** Opens a code text back to its COSE bytes, for tests that tamper with or inspect a code. */
final class CoseSign1Helper {
    private CoseSign1Helper() {}

    static byte[] cose(String text) {
        try {
            return Zlib.inflate(Base45.decode(text.substring(4)), 1 << 20);
        } catch (HcertException e) {
            throw new AssertionError(e.detail());
        }
    }

    static long alg(String text) {
        try {
            return CoseSign1.decode(cose(text)).alg();
        } catch (HcertException e) {
            throw new AssertionError(e.detail());
        }
    }

    /** The code with its COSE rewritten: same prefix, recompressed, re-encoded. */
    static String withCose(String text, byte[] cose) {
        return text.substring(0, 4) + Base45.encode(Zlib.deflate(cose));
    }

    static byte[] signature(String text) {
        try {
            return CoseSign1.decode(cose(text)).signature();
        } catch (HcertException e) {
            throw new AssertionError(e.detail());
        }
    }

    /** The code with its signature replaced, everything else as it was. */
    static String withSignature(String text, byte[] signature) {
        try {
            CoseSign1 m = CoseSign1.decode(cose(text));
            return withCose(text, new CoseSign1(m.protectedBytes(), m.protectedHeader(), m.unprotectedHeader(),
                    m.payload(), signature).encode());
        } catch (HcertException e) {
            throw new AssertionError(e.detail());
        }
    }
}
