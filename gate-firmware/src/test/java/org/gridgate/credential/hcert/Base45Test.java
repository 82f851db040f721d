package org.gridgate.credential.hcert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.gridgate.credential.Verification.Failure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Base45Test {

    /** The examples of RFC 9285 sections 4.3 and 4.4. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "AB|BB8",
        "Hello!!|%69 VD92EX0",
        "base-45|UJCLQE7W581",
        "ietf!|QED8WEX0",
    })
    void rfc9285Examples(String plain, String encoded) throws HcertException {
        assertEquals(encoded, Base45.encode(plain));
        assertEquals(plain, new String(Base45.decode(encoded), StandardCharsets.UTF_8));
    }

    @Test
    void emptyIsEmpty() throws HcertException {
        assertEquals("", Base45.encode(new byte[0]));
        assertEquals(0, Base45.decode("").length);
    }

    @Test
    void randomBytesRoundTrip() throws HcertException {
        Random random = new Random(9285);
        for (int n = 0; n < 200; n++) {
            byte[] data = new byte[random.nextInt(64)];
            random.nextBytes(data);
            String text = Base45.encode(data);
            assertTrue(text.length() % 3 != 1);
            assertArrayEquals(data, Base45.decode(text));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "GGW",      // 16 + 16*45 + 32*45^2 = 65536: one over 16 bits (RFC 9285 section 6)
        "ZZZ",      // 35 + 35*45 + 35*2025 = 72485
        ":::",      // the largest digits: 44 + 44*45 + 44*2025
        "ZZ",       // final pair 35 + 35*45 = 1610 > 255
        "A",        // length 3n+1
        "BB8A",     // length 3n+1
        "bb8",      // lower case is not in the alphabet
        "BB#",      // '#' is not in the alphabet
        "BB\u00e9", // non-ASCII
        "BB\n",     // control character
    })
    void refusesInvalid(String text) {
        HcertException e = assertThrows(HcertException.class, () -> Base45.decode(text));
        assertEquals(Failure.MALFORMED, e.failure());
        assertTrue(e.detail().startsWith("base45:"), e.detail());
    }

    @Test
    void largestValidTripleAndPair() throws HcertException {
        assertArrayEquals(new byte[] {(byte) 0xff, (byte) 0xff}, Base45.decode("FGW"));
        assertArrayEquals(new byte[] {(byte) 0xff}, Base45.decode("U5"));
    }
}
