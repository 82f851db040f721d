package org.gridgate.uplink.mqtt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gridgate.testing.SystemTools;

/** A throwaway PKI made with the openssl CLI: a CA, a broker certificate for 127.0.0.1, client certificates. */
final class TestPki {
    private final String openssl = SystemTools.require("openssl", "openssl");
    final Path dir;

    TestPki(Path dir) throws IOException, InterruptedException {
        this.dir = Files.createDirectories(dir);
        run("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ca.key");
        run("req", "-x509", "-new", "-key", "ca.key", "-subj", "/CN=gridgate-test-ca", "-days", "2",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
                "-out", "ca.pem");
        issue("broker", "127.0.0.1", "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
    }

    /** A client certificate with this CN (the MQTT username under use_identity_as_username). */
    Path client(String cn) throws IOException, InterruptedException {
        issue(cn, cn, "extendedKeyUsage=clientAuth\n");
        return dir.resolve(cn + ".pem");
    }

    /** The client's key and certificate as a PKCS#12 file with {@code password}. */
    Path pkcs12(String cn, String password) throws IOException, InterruptedException {
        run("pkcs12", "-export", "-in", cn + ".pem", "-inkey", cn + ".key", "-name", cn, "-passout", "pass:" + password,
                "-out", cn + ".p12");
        return dir.resolve(cn + ".p12");
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    private void issue(String name, String cn, String ext) throws IOException, InterruptedException {
        run("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", name + ".key");
        run("req", "-new", "-key", name + ".key", "-subj", "/CN=" + cn, "-out", name + ".csr");
        Files.writeString(dir.resolve(name + ".ext"), ext);
        run("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2",
                "-extfile", name + ".ext", "-out", name + ".pem");
    }

    private void run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(openssl);
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("openssl " + String.join(" ", args) + " failed: " + out);
        }
    }
}
