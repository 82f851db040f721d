package org.gridgate.system;

import java.util.List;
import org.gridgate.passage.GateLoop;
import org.gridgate.roster.Resident;
import org.gridgate.roster.RosterFile;
import org.gridgate.roster.RosterMessage;
import org.gridgate.uplink.Inbound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends what the community server publishes to the part of the gate it concerns. */
final class InboundRouter implements Inbound {
    private static final Logger LOG = LoggerFactory.getLogger(InboundRouter.class);
    private final GateLoop loop;
    private final RosterFile rosterFile;

    InboundRouter(GateLoop loop, RosterFile rosterFile) {
        this.loop = loop;
        this.rosterFile = rosterFile;
    }

    @Override
    public void received(String channel, byte[] payload) {
        switch (channel) {
            case "roster" -> roster(payload);
            default -> LOG.info("{} message ignored: not handled by this build yet", channel);
        }
    }

    private void roster(byte[] payload) {
        try {
            List<Resident> entries = RosterMessage.parse(payload);
            rosterFile.save(payload);
            loop.replaceRoster(entries);
        } catch (RosterMessage.Invalid e) {
            LOG.warn("roster rejected, keeping the last good one: {}", e.getMessage());
        } catch (java.io.IOException e) {
            LOG.error("roster could not be saved, using it until restart: {}", e.getMessage());
            try {
                loop.replaceRoster(RosterMessage.parse(payload));
            } catch (RosterMessage.Invalid impossible) {
                // parsed above
            }
        }
    }
}
