package org.gridgate.resident.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gridgate.config.ResidentConfig.Language;
import org.gridgate.resident.Phrase;
import org.gridgate.resident.ResidentView;

/** A view as the page reads it: only what the screen shows, texts in both languages. */
final class DisplayJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DisplayJson() {}

    static String write(ResidentView v, Language language) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", v.seq());
        m.put("at", v.at().toEpochMilli());
        m.put("lang", language.name().toLowerCase(Locale.ROOT));
        m.put("screen", v.screen().name().toLowerCase(Locale.ROOT));
        m.put("tone", v.screen().tone().name().toLowerCase(Locale.ROOT));
        m.put("icon", v.screen().icon());
        m.put("head", phrase(v.screen().headline()));
        m.put("detail", phrase(v.screen().detail()));
        v.direction().ifPresent(d -> m.put("direction", d.name().toLowerCase(Locale.ROOT)));
        List<Map<String, Object>> items = v.items().stream().map(i -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("reason", phrase(i.reason()));
            i.step().ifPresent(s -> item.put("step", phrase(s)));
            return item;
        }).toList();
        m.put("items", items);
        v.temperatureC().ifPresent(t -> m.put("temperature", String.format(Locale.ROOT, "%.1f", t)));
        v.masked().ifPresent(s -> m.put("masked", s));
        try {
            return MAPPER.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("display view not serialisable", e);
        }
    }

    private static Map<String, String> phrase(Phrase p) {
        return Map.of("zh", p.zh(), "en", p.en());
    }
}
