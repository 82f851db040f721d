package org.gridgate.sim.perf.micro;

/**
 * Checks that journal records arrive complete and in order: each payload's {@code seq} must be one
 * above the last. Counts what arrived, what came out of order and what arrived twice. Thread-safe.
 */
final class SeqTracker {
    private static final String FIELD = "\"seq\":";

    private final long first;
    private long expected;
    private long arrived;
    private long outOfOrder;
    private long duplicates;

    /** @param first the seq the first record should carry */
    SeqTracker(long first) {
        this.first = first;
        this.expected = first;
    }

    synchronized void arrived(byte[] payload) {
        arrived++;
        long seq = seq(payload);
        if (seq == expected) {
            expected++;
        } else if (seq >= first && seq < expected) {
            duplicates++;
        } else {
            outOfOrder++;
            expected = Math.max(expected, seq + 1);
        }
    }

    synchronized long arrived() {
        return arrived;
    }

    /** Whether exactly {@code n} records arrived, each once, in order, from {@code first}. */
    synchronized boolean allInOrder(long n) {
        return arrived == n && outOfOrder == 0 && duplicates == 0 && expected == first + n;
    }

    /** How many records from {@code first} on arrived in order so far (a redelivered copy not counted). */
    synchronized long inOrder() {
        return expected - first;
    }

    /**
     * Whether records {@code first} to {@code first + n - 1} all arrived, in order, none out of order;
     * copies of records already seen (QoS 1 redelivery after a reconnect) may have come too.
     */
    synchronized boolean allInOrderAtLeastOnce(long n) {
        return outOfOrder == 0 && expected == first + n;
    }

    synchronized long outOfOrder() {
        return outOfOrder;
    }

    synchronized long duplicates() {
        return duplicates;
    }

    /**
     * The {@code seq} of a journal payload ({@code {"v":1,"id":"…","seq":42,…}}); -1 if it has none.
     * A scan rather than a JSON parse: the subscriber must keep up with the broker.
     */
    static long seq(byte[] payload) {
        int at = indexOf(payload, FIELD);
        if (at < 0) {
            return -1;
        }
        long v = 0;
        int digits = 0;
        for (int i = at + FIELD.length(); i < payload.length; i++) {
            int c = payload[i];
            if (c < '0' || c > '9') {
                break;
            }
            v = v * 10 + (c - '0');
            digits++;
        }
        return digits == 0 ? -1 : v;
    }

    private static int indexOf(byte[] haystack, String needle) {
        outer:
        for (int i = 0; i + needle.length() <= haystack.length; i++) {
            for (int j = 0; j < needle.length(); j++) {
                if (haystack[i + j] != needle.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
