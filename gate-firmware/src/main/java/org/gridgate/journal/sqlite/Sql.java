package org.gridgate.journal.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** JDBC chores shared by the journal and its benchmark. */
final class Sql {
    private Sql() {}

    /** The failure in words an operator can act on; SQLite's own message follows. */
    static String describe(Exception e) {
        if (e instanceof org.sqlite.SQLiteException se) {
            String hint = switch (se.getResultCode().code & 0xff) {
                case 13 -> "disk full";
                case 10 -> "I/O error";
                case 8 -> "file is read-only";
                case 5, 6 -> "file is locked by another process";
                case 11, 26 -> "file is corrupt or not a journal";
                case 14 -> "cannot open the file";
                default -> se.getResultCode().name();
            };
            return hint + " (" + e.getMessage() + ")";
        }
        return String.valueOf(e.getMessage());
    }

    /** A fresh copy of a statement that failed; the old one if even preparing fails (tried again next time). */
    static PreparedStatement renew(Connection c, PreparedStatement old, String sql) {
        try {
            old.close();
        } catch (SQLException ignored) {
            // already unusable
        }
        try {
            return c.prepareStatement(sql);
        } catch (SQLException e) {
            return old;
        }
    }

    static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing is best effort; nothing left to protect
            }
        }
    }
}
