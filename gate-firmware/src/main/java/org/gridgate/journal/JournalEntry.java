package org.gridgate.journal;

import java.time.Instant;
import java.util.UUID;

/**
 * One durable record as stored and as published: the JSON payload is produced once, at commit, and
 * sent byte for byte, so what the server receives is exactly what the gate recorded.
 *
 * @param seq per-gate monotonic sequence number, never reused (also not after a crash)
 * @param id unique id the server uses to drop duplicates
 */
public record JournalEntry(long seq, UUID id, RecordKind kind, Instant at, String payloadJson) {}
