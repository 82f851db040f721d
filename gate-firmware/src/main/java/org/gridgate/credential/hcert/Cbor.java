package org.gridgate.credential.hcert;

import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A decoded CBOR data item (RFC 8949), only as much of the model as HCERT needs. Integers are
 * limited to the range of a Java long; map keys are unique and keep their order.
 */
public sealed interface Cbor {

    record Int(long value) implements Cbor {}

    record Bytes(byte[] value) implements Cbor {
        public Bytes {
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes b && Arrays.equals(value, b.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Bytes[" + HexFormat.of().formatHex(value) + "]";
        }
    }

    record Text(String value) implements Cbor {
        public Text {
            Objects.requireNonNull(value);
        }
    }

    record Array(List<Cbor> items) implements Cbor {
        public Array {
            items = List.copyOf(items);
        }
    }

    record CborMap(Map<Cbor, Cbor> entries) implements Cbor {
        public CborMap {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        public Optional<Cbor> get(Cbor key) {
            return Optional.ofNullable(entries.get(key));
        }

        public Optional<Cbor> get(long key) {
            return get(new Int(key));
        }

        public Optional<Cbor> get(String key) {
            return get(new Text(key));
        }
    }

    record Tagged(long tag, Cbor item) implements Cbor {}

    record Bool(boolean value) implements Cbor {}

    record FloatingPoint(double value) implements Cbor {}

    /** The simple values null and undefined. */
    enum Simple implements Cbor { NULL, UNDEFINED }

    static Cbor of(long value) {
        return new Int(value);
    }

    static Cbor of(String value) {
        return new Text(value);
    }

    static Cbor of(byte[] value) {
        return new Bytes(value);
    }

    /** Strips any tags around an item (RFC 8949 allows tags as hints, e.g. 0 and 1 on dates). */
    static Cbor untagged(Cbor item) {
        Cbor c = item;
        while (c instanceof Tagged t) {
            c = t.item();
        }
        return c;
    }
}
