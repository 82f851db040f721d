package org.gridgate.console;

import java.util.Map;

/**
 * One request to the console's API, free of any HTTP server's types so the API is tested without a
 * socket.
 *
 * @param headers lower-case names
 * @param query decoded query parameters (first value of each)
 */
public record ApiRequest(String method, String path, Map<String, String> query, Map<String, String> headers,
        byte[] body, String remote) {
    public ApiRequest {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
    }

    String header(String name) {
        return headers.get(name);
    }

    /** The session cookie's value, or null. */
    String cookie(String name) {
        String all = headers.get("cookie");
        if (all == null) {
            return null;
        }
        for (String part : all.split(";")) {
            String p = part.trim();
            if (p.startsWith(name + "=")) {
                return p.substring(name.length() + 1);
            }
        }
        return null;
    }
}
