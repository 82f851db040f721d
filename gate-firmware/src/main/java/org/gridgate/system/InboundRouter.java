package org.gridgate.system;

import java.sql.SQLException;
import org.gridgate.passage.GateLoop;
import org.gridgate.roster.RosterMessage;
import org.gridgate.roster.RosterUpdate;
import org.gridgate.roster.sqlite.SqliteRosterStore;
import org.gridgate.uplink.Inbound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends what the community server publishes to the part of the gate it concerns. */
final class InboundRouter implements Inbound {
    private static final Logger LOG = LoggerFactory.getLogger(InboundRouter.class);
    private final GateLoop loop;
    private final SqliteRosterStore rosters;

    InboundRouter(GateLoop loop, SqliteRosterStore rosters) {
        this.loop = loop;
        this.rosters = rosters;
    }

    @Override
    public void received(String channel, byte[] payload) {
        switch (channel) {
            case "roster" -> roster(payload);
            default -> LOG.info("{} message ignored: not handled by this build yet", channel);
        }
    }

    private void roster(byte[] payload) {
        RosterUpdate update;
        try {
            update = RosterMessage.parseUpdate(payload);
        } catch (RosterMessage.Invalid e) {
            LOG.warn("roster rejected, keeping the last good one: {}", e.getMessage());
            return;
        }
        try {
            SqliteRosterStore.Outcome o = rosters.apply(update);
            if (o.applied()) {
                loop.replaceRoster(o.entries());
                LOG.info("roster version {} in force ({}, {} entries)", o.version(), o.reason(), o.entries().size());
            } else {
                LOG.warn("roster update not applied: {}", o.reason());
            }
        } catch (SQLException e) {
            LOG.error("roster could not be stored, keeping the last good one: {}", e.getMessage());
        }
    }
}
