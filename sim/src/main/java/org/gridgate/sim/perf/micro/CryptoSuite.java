package org.gridgate.sim.perf.micro;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.gridgate.credential.qr.QrCodes;
import org.gridgate.sim.perf.PerfOptions;
import org.gridgate.sim.perf.PerfReport;
import org.gridgate.sim.perf.PerfSuite;

/**
 * What reading a health code costs the gate's CPU: the full HCERT verification of one code (prefix,
 * Base45, zlib, COSE_Sign1, signature, CWT claims, validity, revocation) signed ES256 and PS256 with
 * the project's issuer, and finding the QR code in a 640x480 camera-like frame with ZXing. Medians of
 * per-call times after a warm-up.
 */
public final class CryptoSuite implements PerfSuite {
    /** Per figure: warm-up time, then measured time (at least {@code minCalls} calls). */
    record Sizes(Duration warmUp, Duration measure, int minCalls) {
        static final Sizes QUICK = new Sizes(Duration.ofMillis(700), Duration.ofMillis(1300), 20);
        static final Sizes FULL = new Sizes(Duration.ofSeconds(3), Duration.ofSeconds(7), 100);
    }

    private final Sizes fixed;

    public CryptoSuite() {
        this(null);
    }

    /** @param fixed sizes to use whatever the mode (tests); null for quick/full */
    CryptoSuite(Sizes fixed) {
        this.fixed = fixed;
    }

    @Override
    public String name() {
        return "crypto";
    }

    @Override
    public void run(PerfOptions options, PerfReport report) throws Exception {
        Sizes sizes = fixed != null ? fixed : options.quick() ? Sizes.QUICK : Sizes.FULL;
        SignedCodes codes = SignedCodes.create();
        Instant now = codes.now();
        Samples es = time(() -> codes.verifier().verify(codes.es256(), now), sizes);
        report.add("verify_es256_us", es.median() / 1e3, "us");
        Samples ps = time(() -> codes.verifier().verify(codes.ps256(), now), sizes);
        report.add("verify_ps256_us", ps.median() / 1e3, "us");

        BufferedImage frame = CameraFrames.frame(codes.es256(), 640, 480, options.seed());
        if (!QrCodes.decode(frame).equals(Optional.of(codes.es256()))) {
            throw new IllegalStateException("ZXing did not read the benchmark's camera frame");
        }
        Samples qr = time(() -> QrCodes.decode(frame), sizes);
        report.add("qr_decode_640x480_ms", qr.median() / 1e6, "ms");
        // The camera target is a frame rate at p99 on one core: this loop is one thread.
        report.add("qr_decode_640x480_p99_ms", qr.percentile(99) / 1e6, "ms");
        report.note("crypto_calls", "es256 " + es.size() + ", ps256 " + ps.size() + ", qr " + qr.size());
        report.note("crypto_code_chars", Integer.toString(codes.es256().length()));
    }

    /** Calls until the warm-up time has passed, then samples each call until the measuring time has. */
    static Samples time(Supplier<?> call, Sizes sizes) {
        long warmEnd = System.nanoTime() + sizes.warmUp().toNanos();
        Object sink = null;
        while (System.nanoTime() < warmEnd) {
            sink = call.get();
        }
        Samples s = new Samples(1024);
        long end = System.nanoTime() + sizes.measure().toNanos();
        while (System.nanoTime() < end || s.size() < sizes.minCalls()) {
            long t0 = System.nanoTime();
            sink = call.get();
            s.add(System.nanoTime() - t0);
        }
        if (sink == null) {
            throw new IllegalStateException("benchmarked call returned nothing");
        }
        return s;
    }
}
