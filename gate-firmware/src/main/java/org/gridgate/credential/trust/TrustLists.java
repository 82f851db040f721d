package org.gridgate.credential.trust;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gridgate.credential.Revocations;
import org.gridgate.credential.TrustStore;
import org.gridgate.credential.TrustedKey;

/**
 * The trust list and revocation list in force: verified documents from the server, kept in
 * {@link TrustDb} so the last good ones survive a restart, and served to the verifier from memory
 * through the live {@link TrustStore}s and {@link Revocations} below (an update swaps one immutable
 * snapshot, so a verification in progress sees either the old list or the new one).
 *
 * <p>Callers pass payloads whose envelope signature is already verified.
 */
public final class TrustLists {
    /** A trust list issued longer ago than this is stale: the gate says so in its status. */
    public static final Duration STALE_AFTER = Duration.ofHours(24);
    static final String TRUST = "trust";
    static final String REVOCATIONS = "revocations";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TrustLists.class);

    private final TrustDb db;
    private final Clock clock;
    private volatile TrustListMessage trust;
    private volatile long revocationVersion;
    private volatile Set<String> revoked = Set.of();

    private TrustLists(TrustDb db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Loads what {@code db} holds; a stored document that no longer parses is logged and left out. */
    public static TrustLists open(TrustDb db, Clock clock) throws IOException {
        TrustLists t = new TrustLists(db, clock);
        Optional<TrustDb.Document> trust = db.load(TRUST);
        try {
            if (trust.isPresent()) {
                t.trust = TrustListMessage.parse(trust.get().payload());
            }
        } catch (InvalidDocument e) {
            // Only a damaged file gets here (we stored it after validating it): run without, say so.
            LOG.error("stored trust list unreadable, waiting for a new one: {}", e.getMessage());
        }
        Optional<TrustDb.Document> rev = db.load(REVOCATIONS);
        try {
            if (rev.isPresent()) {
                RevocationMessage m = RevocationMessage.parse(rev.get().payload());
                t.revoked = m.applyTo(Set.of());
                t.revocationVersion = m.version();
            }
        } catch (InvalidDocument e) {
            LOG.error("stored revocation list unreadable, waiting for a full one: {}", e.getMessage());
        }
        return t;
    }

    /** Applies a verified trust list; returns what happened. A version not newer is ignored. */
    public String applyTrust(byte[] payload) throws InvalidDocument, IOException {
        TrustListMessage m = TrustListMessage.parse(payload);
        TrustListMessage current = trust;
        if (current != null && m.version() <= current.version()) {
            return "trust list version " + m.version() + " not newer than " + current.version() + "; kept";
        }
        db.save(TRUST, new TrustDb.Document(m.version(), m.issuedAt(), clock.instant(), payload));
        trust = m;
        return "trust list version " + m.version() + " in force (" + count(m.community()) + " community, "
                + count(m.dcc()) + " DCC keys)";
    }

    /** Applies a verified full list or delta; a delta must build on the version in force. */
    public String applyRevocations(byte[] payload) throws InvalidDocument, IOException {
        RevocationMessage m = RevocationMessage.parse(payload);
        long current = revocationVersion;
        if (m.version() <= current) {
            return "revocation list version " + m.version() + " not newer than " + current + "; kept";
        }
        if (!m.full() && m.base() != current) {
            throw new InvalidDocument("delta to version " + m.version() + " builds on " + m.base()
                    + " but version " + current + " is in force; waiting for a full list");
        }
        Set<String> next = m.applyTo(revoked);
        db.save(REVOCATIONS, new TrustDb.Document(m.version(), m.issuedAt(), clock.instant(),
                fullDocument(m.version(), m.issuedAt(), next)));
        revoked = next;
        revocationVersion = m.version();
        return "revocation list version " + m.version() + " in force (" + next.size() + " ids)";
    }

    /** Community issuer keys: the provisioned anchors, then the ones from the trust list. */
    public TrustStore community(TrustStore provisioned) {
        return kid -> {
            List<TrustedKey> out = new ArrayList<>(provisioned.keys(kid));
            out.addAll(lookup(kid, true));
            return out;
        };
    }

    /** EU DCC signer certificates from the trust list. */
    public TrustStore dcc() {
        return kid -> lookup(kid, false);
    }

    public Revocations revocations() {
        return id -> id != null && revoked.contains(id);
    }

    /** When the trust list in force was issued by the server; empty before the first one. */
    public Optional<Instant> lastTrustUpdate() {
        TrustListMessage t = trust;
        return t == null ? Optional.empty() : Optional.of(t.issuedAt());
    }

    /**
     * True without a trust list, when it is older than {@link #STALE_AFTER}, or when the gate's clock
     * reads more than a day before its issue: a clock stepped back (or never set) cannot tell the
     * list's age, and "fresh" would be a guess.
     */
    public boolean stale(Instant now) {
        return lastTrustUpdate().map(t -> t.plus(STALE_AFTER).isBefore(now) || now.isBefore(t.minus(CLOCK_BEHIND)))
                .orElse(true);
    }

    /** How far before a list's issue time the gate's clock may read before the list's age is unknown. */
    static final Duration CLOCK_BEHIND = Duration.ofDays(1);

    public long trustVersion() {
        TrustListMessage t = trust;
        return t == null ? 0 : t.version();
    }

    public long revocationVersion() {
        return revocationVersion;
    }

    private List<TrustedKey> lookup(byte[] kid, boolean community) {
        TrustListMessage t = trust;
        if (t == null) {
            return List.of();
        }
        return (community ? t.community() : t.dcc()).getOrDefault(HexFormat.of().formatHex(kid), List.of());
    }

    private static int count(Map<String, List<TrustedKey>> m) {
        return m.values().stream().mapToInt(List::size).sum();
    }

    private static byte[] fullDocument(long version, Instant issued, Set<String> ids) {
        var o = JSON.createObjectNode();
        o.put("v", 1);
        o.put("type", REVOCATIONS);
        o.put("version", version);
        o.put("issuedAt", issued.toString());
        o.put("full", true);
        var a = o.putArray("ids");
        new TreeSet<>(ids).forEach(a::add);
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }
}
