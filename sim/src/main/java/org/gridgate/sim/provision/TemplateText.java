package org.gridgate.sim.provision;

import java.util.ArrayList;
import java.util.List;

/**
 * Edits a config template as text, so its comments (the wiring notes, the boot-time pin states)
 * survive into the gate's config. Knows just enough YAML for the templates: top-level sections
 * with keys indented by two spaces, a key's value either on its line or in the more-indented lines
 * below it.
 */
final class TemplateText {
    private final List<String> lines;

    TemplateText(String text) {
        this.lines = new ArrayList<>(List.of(text.split("\n", -1)));
    }

    /** Sets {@code section.key} to the lines given (the first continues {@code key:}), replacing its old value. */
    TemplateText put(String section, String key, List<String> value) {
        int start = sectionLine(section);
        if (start < 0) {
            lines.add("");
            lines.add(section + ":");
            start = lines.size() - 1;
        }
        int end = sectionEnd(start);
        int at = -1;
        for (int i = start + 1; i < end; i++) {
            if (lines.get(i).startsWith("  " + key + ":")) {
                at = i;
                break;
            }
        }
        List<String> block = new ArrayList<>();
        block.add("  " + key + ":" + (value.get(0).isEmpty() ? "" : " " + value.get(0)));
        value.subList(1, value.size()).forEach(l -> block.add("  " + l));
        if (at < 0) {
            int last = start;
            for (int i = start + 1; i < end; i++) {
                if (!lines.get(i).isBlank() && !lines.get(i).stripLeading().startsWith("#")) {
                    last = i;
                }
            }
            lines.addAll(last + 1, block);
            return this;
        }
        int stop = at + 1;
        while (stop < end && (lines.get(stop).startsWith("   ") || lines.get(stop).startsWith("  - ")
                || lines.get(stop).startsWith("  #") && stop + 1 < end && lines.get(stop + 1).startsWith("   "))) {
            stop++;
        }
        for (int i = at; i < stop; i++) {
            lines.remove(at);
        }
        lines.addAll(at, block);
        return this;
    }

    TemplateText put(String section, String key, String value) {
        return put(section, key, List.of(value));
    }

    /** Drops comment lines containing {@code text} (a template's note that no longer holds). */
    TemplateText dropComments(String text) {
        lines.removeIf(l -> l.stripLeading().startsWith("#") && l.toLowerCase(java.util.Locale.ROOT).contains(text));
        return this;
    }

    private int sectionLine(String section) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(section + ":")) {
                return i;
            }
        }
        return -1;
    }

    /** The first line after {@code start} that begins another top-level key, or the end. */
    private int sectionEnd(int start) {
        for (int i = start + 1; i < lines.size(); i++) {
            String l = lines.get(i);
            if (!l.isEmpty() && !l.startsWith(" ") && !l.startsWith("#")) {
                return i;
            }
        }
        return lines.size();
    }

    @Override
    public String toString() {
        return String.join("\n", lines);
    }
}
