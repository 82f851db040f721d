package org.gridgate.credential.hcert;

import org.gridgate.credential.Verification.Failure;

/**
 * A step of the health-code pipeline refused its input. The detail says which step and why, and
 * never quotes the code's content. Carries no stack trace: it is an expected outcome, not a bug,
 * and garbage input must be cheap to reject.
 */
public final class HcertException extends Exception {
    private final Failure failure;

    public HcertException(Failure failure, String detail) {
        super(detail, null, false, false);
        this.failure = failure;
    }

    public static HcertException malformed(String detail) {
        return new HcertException(Failure.MALFORMED, detail);
    }

    public Failure failure() {
        return failure;
    }

    public String detail() {
        return getMessage();
    }
}
