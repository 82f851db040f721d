package org.gridgate.credential.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridgate.credential.DccType;
import org.gridgate.credential.InMemoryTrustStore;
import org.gridgate.credential.TestCertificates;
import org.gridgate.credential.TestCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConformanceRunnerTest {
    private static final Pattern SUMMARY = Pattern.compile("(\\d+) passed, (\\d+) failed, (\\d+) skipped");

    private record Run(int exitCode, List<String> lines) {
        Matcher summary() {
            Matcher m = SUMMARY.matcher(lines.get(lines.size() - 1));
            assertTrue(m.matches(), "last line: " + lines.get(lines.size() - 1));
            return m;
        }
    }

    private static Run run(Path dir) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = ConformanceRunner.run(dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Run(code, bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }

    /**
     * The EU DCC vectors copied into this repository (src/test/resources/dcc, with their origin,
     * licence and NOTICE): a fresh clone runs them with nothing but a JDK.
     */
    private static Path euVectors() throws URISyntaxException {
        URL readme = ConformanceRunnerTest.class.getResource("/dcc/README.md");
        assertNotNull(readme, "the EU DCC vectors belong on the test classpath (gate-firmware/src/test/resources/dcc)");
        return Path.of(readme.toURI()).getParent();
    }

    @Test
    void euDccVectorsAllPass() throws URISyntaxException {
        Run run = run(euVectors());
        Matcher m = run.summary();
        assertEquals("0", m.group(2), String.join("\n", run.lines()));
        assertTrue(Integer.parseInt(m.group(1)) >= 80, "most vectors are evaluable: " + m.group());
        assertEquals(0, run.exitCode());
    }

    @Test
    void ownCasesPassFailAndSkip(@TempDir Path dir) throws Exception {
        KeyPair keys = TestCredentials.ecKeys();
        X509Certificate cert = TestCertificates.selfSigned(keys, "DSC test", List.of("1.3.6.1.4.1.1847.2021.1.1"));
        Instant iat = Instant.parse("2026-01-01T00:00:00Z");
        String test = TestCredentials.dccText(TestCredentials.dccClaims(DccType.TEST, iat, iat.plusSeconds(86400), "u1"),
                keys.getPrivate(), InMemoryTrustStore.dccKid(cert), true);
        String vaccination = TestCredentials.dccText(TestCredentials.dccClaims(DccType.VACCINATION, iat,
                iat.plusSeconds(86400), "u2"), keys.getPrivate(), InMemoryTrustStore.dccKid(cert), true);

        Files.createDirectories(dir.resolve("XX/2DCode/raw"));
        write(dir.resolve("XX/2DCode/raw/1.json"), test, cert, "2026-01-01T12:00:00+01:00",
                "{\"EXPECTEDVERIFY\": true, \"EXPECTEDKEYUSAGE\": true, \"EXPECTEDEXPIRATIONCHECK\": true}");
        write(dir.resolve("XX/2DCode/raw/2.json"), vaccination, cert, "2026-01-03T00:00:00Z",
                "{\"EXPECTEDVERIFY\": true, \"EXPECTEDKEYUSAGE\": false, \"EXPECTEDEXPIRATIONCHECK\": false}");
        // Wrong expectations: this case must be reported, with both keys, on one line.
        write(dir.resolve("XX/2DCode/raw/3.json"), test, cert, "2026-01-03T00:00:00Z",
                "{\"EXPECTEDVERIFY\": true, \"EXPECTEDKEYUSAGE\": false, \"EXPECTEDEXPIRATIONCHECK\": true}");
        write(dir.resolve("XX/2DCode/raw/4.json"), test, cert, "2026-01-01T00:00:00Z",
                "{\"EXPECTEDSCHEMAVALIDATION\": true}");
        Files.writeString(dir.resolve("XX/notes.json"), "{\"not\": \"a case\"}");

        Run run = run(dir);
        Matcher m = run.summary();
        assertEquals(List.of("2", "1", "1"), List.of(m.group(1), m.group(2), m.group(3)), String.join("\n", run.lines()));
        assertEquals(1, run.exitCode());
        List<String> failures = run.lines().stream().filter(l -> l.startsWith("FAIL")).toList();
        assertEquals(1, failures.size(), failures.toString());
        String line = failures.get(0);
        assertTrue(line.contains("3.json") && line.contains("EXPECTEDKEYUSAGE expected=false got=true")
                && line.contains("EXPECTEDEXPIRATIONCHECK expected=true got=false") && line.contains("EXPIRED"), line);
    }

    @Test
    void missingOrEmptyDirectoryIsAnError(@TempDir Path dir) {
        Run missing = run(dir.resolve("nowhere"));
        assertEquals(2, missing.exitCode());
        missing.summary();
        Run empty = run(dir);
        assertEquals(2, empty.exitCode());
        assertEquals("0 passed, 0 failed, 0 skipped", empty.lines().get(empty.lines().size() - 1));
    }

    private static void write(Path file, String prefixed, X509Certificate cert, String clock, String expected)
            throws IOException, CertificateEncodingException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("PREFIX", prefixed);
        ObjectNode ctx = root.putObject("TESTCTX");
        ctx.put("CERTIFICATE", Base64.getEncoder().encodeToString(cert.getEncoded()));
        ctx.put("VALIDATIONCLOCK", clock);
        root.set("EXPECTEDRESULTS", mapper.readTree(expected));
        Files.writeString(file, mapper.writeValueAsString(root));
    }
}
