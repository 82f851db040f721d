package org.gridgate.uplink;

/**
 * Delivers the journal to the community server and receives what it sends back. Never blocks the
 * gate: with the broker away the gate keeps deciding and journaling, and the backlog goes later.
 */
public interface Uplink extends AutoCloseable {
    /** Connects in the background (retrying with backoff) and starts draining the journal. */
    void start(Inbound inbound);

    /** Tells the uplink new records are in the journal. Cheap; callable from any thread. */
    void wake();

    boolean connected();

    /** Publishes a clean "offline" status and disconnects. */
    @Override
    void close();
}
