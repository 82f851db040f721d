package org.gridgate.fuzz.inbound;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.sql.SQLException;
import org.gridgate.command.SignedEnvelope;
import org.gridgate.fuzz.FuzzFixtures;

/**
 * Inbound MQTT payloads on the roster, trust and revocations channels (full rosters and deltas,
 * trust lists with keys and certificates, full and delta revocation lists). Half the inputs are
 * taken as the raw MQTT payload (the envelope itself is fuzzed: JSON, base64, algorithm, signature);
 * the other half as the inner document, signed here with the gate's root key so the fuzzer reaches
 * the document parsers and the stores. Property: applied, kept or rejected with a reason; nothing
 * else thrown (a storage error on a document that passed its checks counts as a crash too).
 * Input layout: the payload first; channel (last byte) and raw/signed (second-to-last) from the end.
 */
class InboundDocumentFuzzTest {
    private static final String[] CHANNELS = {"roster", "trust", "revocations"};

    @FuzzTest(maxDuration = "15s")
    void documentsAreAppliedOrRejectedWithAReason(FuzzedDataProvider data) throws IOException, SQLException {
        String channel = CHANNELS[data.consumeInt(0, CHANNELS.length - 1)];
        boolean sign = data.consumeBoolean();
        byte[] payload = data.consumeRemainingAsBytes();
        byte[] message = sign && payload.length > 0
                ? SignedEnvelope.sign(payload, FuzzFixtures.KID, FuzzFixtures.KEYS.getPrivate()) : payload;
        assertNotNull(Inbound.deliver(channel, message));
    }
}
