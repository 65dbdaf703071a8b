package dev.berth.core.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One reading of a service spec: every problem found so far, each with its YAML path (a spec is refused
 * with all of them at once), and the rules its readers share (names, paths inside the sandbox).
 */
final class SpecReading {
    static final String NAME_RULE = "lower-case letters, digits and '-', not starting or ending with '-'";
    private static final Pattern RELATIVE_PATH = Pattern.compile("[A-Za-z0-9_.\\-]+(/[A-Za-z0-9_.\\-]+)*");

    final List<Violation> problems = new ArrayList<>();

    String relativePath(YamlMapping mapping, String field) {
        String value = mapping.requiredText(field);
        if (value == null) {
            return null;
        }
        boolean dotSegment = List.of(value.split("/")).stream().anyMatch(s -> s.equals(".") || s.equals(".."));
        if (!RELATIVE_PATH.matcher(value).matches() || dotSegment) {
            mapping.report(field, "'" + value + "' is not a path inside the sandbox; use a relative path "
                    + "such as data or conf/server.properties (no leading '/', no '..')");
            return null;
        }
        return value;
    }

    boolean name(YamlMapping mapping, String field, String value) {
        if (SpecParser.NAME.matcher(value).matches()) {
            return true;
        }
        mapping.report(field, "'" + value + "' is not a valid name; use " + NAME_RULE);
        return false;
    }

    boolean nameAt(String path, String value) {
        if (SpecParser.NAME.matcher(value).matches()) {
            return true;
        }
        problems.add(new Violation(path, "'" + value + "' is not a valid name; use " + NAME_RULE));
        return false;
    }

    boolean problemAt(String path) {
        return problems.stream().anyMatch(v -> v.field().equals(path));
    }
}
