package org.gridgate.sim.perf.jmh;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.gridgate.credential.Verification;
import org.gridgate.credential.hcert.HcertVerifier;
import org.gridgate.sim.perf.micro.SignedCodes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Full HCERT verification of one scanned community pass, ES256 or PS256. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HcertVerifyBench {
    @Param({"ES256", "PS256"})
    public String alg;

    private HcertVerifier verifier;
    private String code;
    private Instant now;

    @Setup
    public void setUp() throws Exception {
        SignedCodes codes = SignedCodes.create();
        verifier = codes.verifier();
        code = "ES256".equals(alg) ? codes.es256() : codes.ps256();
        now = codes.now();
    }

    @Benchmark
    public Verification verify() {
        return verifier.verify(code, now);
    }
}
