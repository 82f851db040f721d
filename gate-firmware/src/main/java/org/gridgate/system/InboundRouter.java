package org.gridgate.system;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.gridgate.command.CommandHandler;
import org.gridgate.command.RootKeys;
import org.gridgate.command.SignedEnvelope;
import org.gridgate.credential.trust.InvalidDocument;
import org.gridgate.credential.trust.TrustLists;
import org.gridgate.passage.GateLoop;
import org.gridgate.roster.RosterMessage;
import org.gridgate.roster.RosterUpdate;
import org.gridgate.roster.sqlite.SqliteRosterStore;
import org.gridgate.uplink.Inbound;
import org.gridgate.uplink.Rejections;
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
    private final SqliteRosterStore rosters;
    private final RootKeys keys;
    private final TrustLists trust;
    private final CommandHandler commands;
    private final Consumer<Map<String, Object>> events;
    private final Rejections rejections;

    InboundRouter(GateLoop loop, SqliteRosterStore rosters, RootKeys keys, TrustLists trust, CommandHandler commands,
            Consumer<Map<String, Object>> events, Rejections rejections) {
        this.rejections = rejections;
        this.loop = loop;
        this.rosters = rosters;
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

    @Override
    public void tooLarge(String channel, int bytes) {
        rejected(channel, "too_large", bytes + " bytes, more than mqtt.maxInboundBytes");
    }

    /**
     * Logged, journaled and published, at most {@link Rejections#PER_MINUTE} a minute per channel and
     * reason; the detail quotes at most a short escaped prefix of anything the sender chose.
     */
    private void rejected(String channel, String code, String detail) {
        OptionalLong dropped = rejections.admit(channel + "/" + code);
        if (dropped.isEmpty()) {
            return;
        }
        String safe = Rejections.excerpt(detail);
        LOG.warn("{} rejected ({}), keeping the last good one: {}{}", channel, code, safe,
                dropped.getAsLong() > 0 ? " (" + dropped.getAsLong() + " more not reported)" : "");
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("event", "inbound_rejected");
        e.put("channel", channel);
        e.put("reason", code);
        e.put("detail", safe);
        if (dropped.getAsLong() > 0) {
            e.put("suppressed", dropped.getAsLong());
        }
        events.accept(e);
    }

    private void roster(byte[] payload) throws RosterMessage.Invalid, IOException {
        RosterUpdate update = RosterMessage.parseUpdate(payload);
        SqliteRosterStore.Outcome o;
        try {
            o = rosters.apply(update);
        } catch (java.sql.SQLException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (o.applied()) {
            loop.replaceRoster(o.entries());
            LOG.info("roster version {} in force ({}, {} entries)", o.version(), o.reason(), o.entries().size());
        } else if (o.version() == update.version()) {
            LOG.info("{}", o.reason()); // the retained roster again, after a reconnect: nothing to do
        } else {
            rejected("roster", "not_applied", o.reason());
        }
    }
}
