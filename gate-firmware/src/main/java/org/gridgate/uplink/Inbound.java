package org.gridgate.uplink;

/**
 * What the community server sends to the gate. Called on the uplink's thread: implementations hand
 * the message to the gate loop and return.
 */
public interface Inbound {
    /**
     * @param channel the topic's meaning: {@code roster}, {@code trust}, {@code revocations} or {@code command}
     */
    void received(String channel, byte[] payload);

    /** A message on {@code channel} larger than {@code mqtt.maxInboundBytes} arrived and was dropped unread. */
    default void tooLarge(String channel, int bytes) {}
}
