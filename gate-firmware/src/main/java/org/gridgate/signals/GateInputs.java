package org.gridgate.signals;

import java.util.function.Consumer;

/** The gate's digital inputs: door contact, exit button, mask signal. */
public interface GateInputs extends AutoCloseable {
    void start(Consumer<GateInput> listener);

    /** Current debounced level of an input; false if not wired. */
    boolean isAsserted(GateInput.Kind kind);

    /** Whether this input is wired on this gate. */
    boolean isWired(GateInput.Kind kind);

    @Override
    void close();
}
