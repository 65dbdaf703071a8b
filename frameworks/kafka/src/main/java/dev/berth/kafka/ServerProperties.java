package dev.berth.kafka;

import dev.berth.core.spec.SpecException;
import dev.berth.core.spec.Violation;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The {@code kafka.server_properties} option: broker settings a DBA passes through to every broker's
 * server.properties, written {@code key=value} separated by {@code ;} or new lines (Kafka's list
 * values keep their commas), e.g. {@code log.retention.hours=24;num.io.threads=4}. Settings Berth
 * itself decides (node id, roles, listeners, the quorum, the log dirs, and the listeners' TLS settings
 * of {@code kafka.tls}) are refused: changing them would break the node's identity, its volume or its
 * certificate.
 *
 * <p>The broker reads server.properties with {@link Properties#load}, which knows more than
 * {@code key=value}: {@code :} and white space separate too, <code>&#92;u002e</code> escapes stand for
 * characters, and a line ending in {@code \} goes on on the next one. So the option is read the same
 * way (each {@code ;} taken as a line break, then {@link Properties#load}), the keys it yields are
 * the ones checked, and what goes into server.properties is written from those keys and values with
 * Properties' own escaping: what is checked is what the broker gets, however the text spells it.
 */
public final class ServerProperties {
    public static final String OPTION = "kafka.server_properties";

    /** Keys Berth writes from the pod's identity and resources. */
    static final Set<String> OWNED = Set.of("node.id", "broker.id", "process.roles", "listeners", "advertised.listeners",
            "controller.listener.names", "listener.security.protocol.map", "inter.broker.listener.name",
            "controller.quorum.bootstrap.servers", "controller.quorum.voters", "log.dirs", "log.dir",
            "metadata.log.dir");

    /**
     * Key prefixes of the listeners' security, which {@code kafka.tls} decides: a pass-through {@code ssl.keystore.*}
     * would replace the certificate Berth issued, {@code listener.name.*} override it per listener.
     */
    static final List<String> OWNED_PREFIXES = List.of("ssl.", "listener.name.");

    private static final String WHITE_SPACE = " \t\f";

    /** Whether Berth writes {@code key} itself. */
    static boolean owns(String key) {
        return OWNED.contains(key) || key.equals("security.inter.broker.protocol")
                || OWNED_PREFIXES.stream().anyMatch(key::startsWith);
    }

    private ServerProperties() {
    }

    /**
     * The settings in the order given, as the broker will read them; refused (with every problem) when an
     * entry is malformed or sets a key owned by Berth.
     */
    public static Map<String, String> parse(String text) {
        String asProperties = text.replace(';', '\n');
        List<Violation> problems = new ArrayList<>();
        Set<String> refused = new LinkedHashSet<>();
        // entry by entry, for messages in the order given that quote what was written
        for (String entry : logicalLines(asProperties)) {
            Map<String, String> one;
            try {
                one = load(entry);
            } catch (SpecException e) {
                problems.addAll(e.violations());
                continue;
            }
            if (one.isEmpty()) {
                continue;
            }
            Map.Entry<String, String> setting = one.entrySet().iterator().next();
            String key = setting.getKey();
            if (key.isEmpty() || setting.getValue().isEmpty() && !hasSeparator(entry)) {
                problems.add(new Violation(OPTION, "'" + entry.strip() + "' is not KEY=VALUE"));
            } else if (owns(key) && refused.add(key)) {
                problems.add(owned(key, entry));
            }
        }
        // the whole text as the broker reads it: this is what is checked last and what is rendered, so
        // no way of spelling a key can slip past the entry by entry reading above
        Map<String, String> settings;
        try {
            settings = load(asProperties);
        } catch (SpecException e) {
            if (problems.isEmpty()) {
                throw e;
            }
            throw new SpecException("invalid " + OPTION, problems);
        }
        for (String key : settings.keySet()) {
            if (owns(key) && refused.add(key)) {
                problems.add(owned(key, null));
            }
        }
        if (!problems.isEmpty()) {
            throw new SpecException("invalid " + OPTION, problems);
        }
        return settings;
    }

    /** Every problem of the option's value; empty when it is absent or fine. */
    public static List<Violation> violations(Map<String, Object> options) {
        Object v = options.get(OPTION);
        if (v == null) {
            return List.of();
        }
        try {
            parse(v.toString());
            return List.of();
        } catch (SpecException e) {
            return e.violations();
        }
    }

    /**
     * The lines for server.properties of the option's value, escaped as {@link Properties#store} does
     * (keys fully, values where a reader would otherwise see something else), so that
     * {@link Properties#load} gives back exactly the parsed settings; empty text for none.
     */
    static String lines(String value) {
        StringBuilder out = new StringBuilder();
        parse(value).forEach((k, v) -> out.append(escape(k, true)).append('=').append(escape(v, false)).append('\n'));
        return out.toString();
    }

    private static Violation owned(String key, String entry) {
        String written = entry == null ? "" : entry.strip();
        String as = written.isEmpty() || written.startsWith(key) && hasSeparatorAt(written, key.length())
                ? "" : " (written '" + written + "')";
        String by = OWNED.contains(key) ? "from the broker's pod" : "for the listeners' security (the option kafka.tls)";
        return new Violation(OPTION, key + as + " is set by Berth " + by + "; it cannot be passed through");
    }

    /** Whether {@code text} continues after {@code key} with what ends a key: a separator or white space. */
    private static boolean hasSeparatorAt(String text, int at) {
        return at < text.length() && "=: \t\f".indexOf(text.charAt(at)) >= 0;
    }

    /** Properties.load of the text, keeping the order of the keys (a repeated key keeps its first place and last value). */
    static Map<String, String> load(String text) {
        Map<String, String> ordered = new LinkedHashMap<>();
        Properties properties = new Properties() {
            @Override
            public synchronized Object put(Object key, Object value) {
                ordered.put((String) key, (String) value);
                return super.put(key, value);
            }
        };
        try {
            properties.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        } catch (IllegalArgumentException e) {
            // the only thing load refuses: a \\u escape without four hex digits
            throw new SpecException("invalid " + OPTION, new Violation(OPTION, "'" + text.strip()
                    + "' cannot be read as server.properties: a \\u escape needs four hex digits (\\uXXXX)"));
        }
        if (!ordered.keySet().equals(properties.stringPropertyNames())) {
            throw new IllegalStateException("Properties.load did not put every key through put()");
        }
        return ordered;
    }

    /**
     * The logical lines of properties text as {@link Properties#load} sees them: blank lines and comments
     * ({@code #} or {@code !} first) left out, leading white space dropped, and a line ending in an odd
     * number of backslashes joined with the next one (without the backslash and the next one's leading
     * white space).
     */
    static List<String> logicalLines(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder current = null;
        for (String line : text.split("\r\n|\r|\n", -1)) {
            String stripped = stripLeadingWhiteSpace(line);
            if (current == null) {
                if (stripped.isEmpty() || stripped.charAt(0) == '#' || stripped.charAt(0) == '!') {
                    continue;
                }
                current = new StringBuilder(stripped);
            } else {
                current.append(stripped);
            }
            if (endsInOddBackslashes(current)) {
                current.setLength(current.length() - 1);
                continue;
            }
            out.add(current.toString());
            current = null;
        }
        if (current != null) {
            out.add(current.toString());
        }
        return out;
    }

    /** Whether the key of a logical line is followed by {@code =} or {@code :} (white space around it allowed). */
    private static boolean hasSeparator(String line) {
        int i = 0;
        boolean escaped = false;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (!escaped && (c == '=' || c == ':')) {
                return true;
            }
            if (!escaped && WHITE_SPACE.indexOf(c) >= 0) {
                break;
            }
            escaped = c == '\\' && !escaped;
            i++;
        }
        while (i < line.length() && WHITE_SPACE.indexOf(line.charAt(i)) >= 0) {
            i++;
        }
        return i < line.length() && (line.charAt(i) == '=' || line.charAt(i) == ':');
    }

    private static String stripLeadingWhiteSpace(String line) {
        int i = 0;
        while (i < line.length() && WHITE_SPACE.indexOf(line.charAt(i)) >= 0) {
            i++;
        }
        return line.substring(i);
    }

    private static boolean endsInOddBackslashes(CharSequence text) {
        int n = 0;
        for (int i = text.length() - 1; i >= 0 && text.charAt(i) == '\\'; i--) {
            n++;
        }
        return n % 2 == 1;
    }

    /**
     * Properties.store's escaping: backslash, tab, line breaks and form feed as escapes, anything outside
     * printable ASCII as {@code \}{@code uXXXX} (the broker reads the file as ISO-8859-1), a leading
     * space (every space in a key) with a backslash, and in a key also {@code = : # !}; in a value those
     * four need none, as only a key's first character can start a comment and only its end a separator.
     */
    static String escape(String text, boolean key) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case ' ' -> out.append(i == 0 || key ? "\\ " : " ");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\f' -> out.append("\\f");
                case '=', ':', '#', '!' -> out.append(key ? "\\" + c : String.valueOf(c));
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
