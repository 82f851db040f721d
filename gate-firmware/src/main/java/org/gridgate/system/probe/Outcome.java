package org.gridgate.system.probe;

/** The verdict on one device. Only required devices decide the exit code. */
record Outcome(String device, Verdict verdict, String detail) {
    enum Verdict { OK, FAIL, SKIP }

    static Outcome ok(String device, String detail) {
        return new Outcome(device, Verdict.OK, detail);
    }

    static Outcome fail(String device, String detail) {
        return new Outcome(device, Verdict.FAIL, detail);
    }

    static Outcome skip(String device, String detail) {
        return new Outcome(device, Verdict.SKIP, detail);
    }

    @Override
    public String toString() {
        return String.format("%-4s %s: %s", verdict, device, detail);
    }
}
