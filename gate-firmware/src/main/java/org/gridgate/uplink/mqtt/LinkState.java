package org.gridgate.uplink.mqtt;

import org.slf4j.Logger;

/**
 * Logs the link's state when it changes, not on every attempt: a gate whose broker is gone for a
 * week writes one line, not ten thousand. The state is the first word of the message.
 */
final class LinkState {
    private final Logger log;
    private String last;

    LinkState(Logger log) {
        this.log = log;
    }

    synchronized void to(String message) {
        String state = message.split(" ", 2)[0];
        if (!state.equals(last)) {
            last = state;
            log.info("uplink: {}", message);
        }
    }
}
