package org.gridgate.uplink.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.gridgate.config.MqttConfig;

/**
 * Builds the socket factory for {@code ssl://} brokers: only the configured CA is trusted (pinned,
 * the JDK's default trust store plays no part), hostname verification stays on (Paho's default),
 * and a client certificate is offered when configured (PEM certificate chain + PKCS#8 PEM key, or
 * PKCS#12).
 */
public final class TlsSockets {
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private TlsSockets() {}

    /** @throws IOException naming the file that could not be used and why */
    public static SSLSocketFactory factory(MqttConfig.Tls tls) throws IOException {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            Collection<? extends Certificate> cas = certificates(tls.caFile());
            if (cas.isEmpty()) {
                throw new IOException(tls.caFile() + ": no certificate in it");
            }
            int i = 0;
            for (Certificate c : cas) {
                trust.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManagerFactory kmf = null;
            char[] password = tls.pkcs12Password().toCharArray();
            KeyStore client = null;
            if (tls.pkcs12File().isPresent()) {
                client = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(tls.pkcs12File().get())) {
                    client.load(in, password);
                }
            } else if (tls.certFile().isPresent() && tls.keyFile().isPresent()) {
                client = KeyStore.getInstance("PKCS12");
                client.load(null, null);
                List<Certificate> chain = List.copyOf(certificates(tls.certFile().get()));
                if (chain.isEmpty()) {
                    throw new IOException(tls.certFile().get() + ": no certificate in it");
                }
                client.setKeyEntry("client", privateKey(tls.keyFile().get()), password,
                        chain.toArray(Certificate[]::new));
            }
            if (client != null) {
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(client, password);
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS setup failed: " + e.getMessage(), e);
        }
    }

    private static Collection<? extends Certificate> certificates(Path file) throws IOException,
            GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (java.security.cert.CertificateException e) {
            throw new IOException(file + ": not a PEM or DER certificate (" + e.getMessage() + ")", e);
        }
    }

    private static PrivateKey privateKey(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            String type = m.group(1);
            if (type.equals("PRIVATE KEY")) {
                byte[] der = Base64.getMimeDecoder().decode(m.group(2).getBytes(StandardCharsets.US_ASCII));
                for (String alg : new String[] {"EC", "RSA", "Ed25519"}) {
                    try {
                        return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
                    } catch (GeneralSecurityException e) {
                        // next
                    }
                }
                throw new IOException(file + ": PKCS#8 key of an unsupported algorithm");
            }
            if (type.endsWith("PRIVATE KEY")) {
                throw new IOException(file + ": '" + type + "' is not PKCS#8; convert with"
                        + " 'openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8'");
            }
        }
        throw new IOException(file + ": no '-----BEGIN PRIVATE KEY-----' block");
    }

}
