package org.gridgate.console;

import java.util.Map;

/** The API's addresses and the one method each accepts. */
final class Routes {
    private static final Map<String, String> METHOD = Map.of(
            "/api/signin", "POST",
            "/api/signout", "POST",
            "/api/state", "GET",
            "/api/handover", "GET",
            "/api/residents", "GET",
            "/api/open", "POST",
            "/api/mode", "POST",
            "/api/assist", "POST",
            "/api/mask", "POST",
            "/api/ack", "POST");

    private Routes() {}

    static boolean known(String path) {
        return METHOD.containsKey(path);
    }

    static boolean allowed(String method, String path) {
        return method.equals(METHOD.get(path));
    }

    static String allow(String path) {
        return METHOD.getOrDefault(path, "");
    }
}
