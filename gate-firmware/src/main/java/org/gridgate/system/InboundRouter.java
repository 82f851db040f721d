package org.gridgate.system;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.gridgate.command.CommandHandler;
import org.gridgate.command.RootKeys;
import org.gridgate.command.SignedEnvelope;
import org.gridgate.credential.trust.InvalidDocument;
import org.gridgate.credential.trust.TrustLists;
import org.gridgate.passage.GateLoop;
import org.gridgate.roster.Resident;
import org.gridgate.roster.RosterFile;
import org.gridgate.roster.RosterMessage;
import org.gridgate.uplink.Inbound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the community server publishes to the part of the gate it concerns. Everything arrives
 * in a {@link SignedEnvelope} signed by a community root key; anything else is rejected, logged
 * without its content and recorded as an {@code inbound_rejected} EVENT, and the last good roster,
 * trust list and revocation list stay in force. Commands report their own results.
 */
final class InboundRouter implements Inbound {
    private static final Logger LOG = LoggerFactory.getLogger(InboundRouter.class);
    private final GateLoop loop;
    private final RosterFile rosterFile;
    private final RootKeys keys;
    private final TrustLists trust;
    private final CommandHandler commands;
    private final Consumer<Map<String, Object>> events;

    InboundRouter(GateLoop loop, RosterFile rosterFile, RootKeys keys, TrustLists trust, CommandHandler commands,
            Consumer<Map<String, Object>> events) {
        this.loop = loop;
        this.rosterFile = rosterFile;
        this.keys = keys;
        this.trust = trust;
        this.commands = commands;
        this.events = events;
    }

    @Override
    public void received(String channel, byte[] payload) {
        if (channel.equals("command")) {
            commands.handle(payload);
            return;
        }
        SignedEnvelope.Verified v;
        try {
            v = SignedEnvelope.verify(payload, keys);
        } catch (SignedEnvelope.Rejected e) {
            rejected(channel, e.code(), e.getMessage());
            return;
        }
        try {
            switch (channel) {
                case "roster" -> roster(v.payload());
                case "trust" -> LOG.info("{}", trust.applyTrust(v.payload()));
                case "revocations" -> LOG.info("{}", trust.applyRevocations(v.payload()));
                default -> LOG.info("{} message ignored: not handled by this build", channel);
            }
        } catch (RosterMessage.Invalid | InvalidDocument e) {
            rejected(channel, "invalid", e.getMessage());
        } catch (IOException e) {
            // Verified and valid but not stored: keep the old one, so memory and disk agree after a restart.
            LOG.error("{} not stored, keeping the last good one: {}", channel, e.getMessage());
            rejected(channel, "storage", e.getMessage());
        }
    }

    private void rejected(String channel, String code, String detail) {
        LOG.warn("{} rejected ({}), keeping the last good one: {}", channel, code, detail);
        events.accept(Map.of("event", "inbound_rejected", "channel", channel, "reason", code, "detail", detail));
    }

    private void roster(byte[] payload) throws RosterMessage.Invalid {
        List<Resident> entries = RosterMessage.parse(payload);
        try {
            rosterFile.save(payload);
        } catch (IOException e) {
            LOG.error("roster could not be saved, using it until restart: {}", e.getMessage());
        }
        loop.replaceRoster(entries);
    }
}
