package org.gridgate.credential.conformance;

/**
 * A value a step needs: given in the case file, derived from an earlier field, absent (the step
 * cannot be evaluated), or failed (an earlier step broke, so this one fails too).
 */
record Input<T>(T value, String problem) {
    static <T> Input<T> of(T value) {
        return new Input<>(value, null);
    }

    static <T> Input<T> failed(String problem) {
        return new Input<>(null, problem);
    }

    static <T> Input<T> absent() {
        return new Input<>(null, null);
    }

    boolean present() {
        return value != null;
    }

    boolean absentFromCase() {
        return value == null && problem == null;
    }
}
