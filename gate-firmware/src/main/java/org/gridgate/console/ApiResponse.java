package org.gridgate.console;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The API's answer: status, extra headers and a JSON body (empty for 204). */
public record ApiResponse(int status, Map<String, String> headers, String body) {
    public ApiResponse {
        headers = Map.copyOf(headers);
    }

    static ApiResponse json(int status, Object value) {
        return new ApiResponse(status, Map.of(), Json.write(value));
    }

    /** A refusal the page shows as is: stable code plus both languages. */
    public static ApiResponse error(int status, String code, String zh, String en) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", code);
        m.put("zh", zh);
        m.put("en", en);
        return json(status, m);
    }

    ApiResponse with(String header, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(header, value);
        return new ApiResponse(status, h, body);
    }

    public byte[] bytes() {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
