package org.gridgate.credential.hcert;

import org.gridgate.credential.Verification.Failure;

/**
 * The decoding steps from scanned text to a COSE_Sign1, shared by the verifier and the conformance
 * runner: prefix, Base45, zlib (capped), COSE structure. No step trusts anything yet.
 */
public final class HcertChain {
    public static final String EU_DCC_PREFIX = "HC1:";
    /** Longer than any QR code holds (version 40, alphanumeric: 4296 characters). */
    public static final int MAX_TEXT_LENGTH = 4296;
    /** Inflated COSE cap: real certificates are 300 bytes to a few kilobytes. */
    public static final int DEFAULT_MAX_INFLATED = 64 * 1024;

    private HcertChain() {}

    /** The Base45 text after {@code prefix}; UNREADABLE if the text does not start with it. */
    public static String unprefix(String text, String prefix) throws HcertException {
        if (!text.startsWith(prefix)) {
            throw new HcertException(Failure.UNREADABLE, "no '" + prefix + "' prefix");
        }
        return text.substring(prefix.length());
    }

    public static byte[] compressed(String base45) throws HcertException {
        if (base45.length() > MAX_TEXT_LENGTH) {
            throw HcertException.malformed("base45: longer than any QR code holds");
        }
        return Base45.decode(base45);
    }

    public static CoseSign1 cose(String base45, int maxInflated) throws HcertException {
        return CoseSign1.decode(Zlib.inflate(compressed(base45), maxInflated));
    }
}
