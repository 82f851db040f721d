package org.gridgate.passage;

/** Turns a person's identifier into what may be stored: a keyed hash and a masked display form. */
public interface Pseudonyms {
    String hash(String identity);

    String mask(String identity);
}
