package io.ringmaster.builtin.command;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ansible's legacy {@code key=value} options inside a free-form command, such as {@code command:
 * creates=/etc/done chdir=/srv make install}. Only the keys a module names are recognised, and only
 * as whole unquoted words at the start or the end of the string (Ansible also finds them in the
 * middle; writing them as task parameters is clearer). A value may be quoted: {@code chdir="/srv/my
 * app"}. A word that is quoted as a whole ({@code 'creates=x'}) is never an option, so a program
 * can still receive such an argument.
 *
 * @param rest the command with the options removed, trimmed
 * @param options the options found, by key
 */
record LegacyOptions(String rest, Map<String, String> options) {

    private static final String VALUE = "('[^']*'|\"[^\"]*\"|[^\\s'\"]+)";

    /** Removes the recognised {@code key=value} words from both ends of {@code line}. */
    static LegacyOptions parse(String line, Set<String> keys) {
        String keyGroup = "(" + String.join("|", keys) + ")";
        Pattern leading = Pattern.compile("^\\s*" + keyGroup + "=" + VALUE + "(?:\\s+|$)");
        Pattern trailing = Pattern.compile("(?:^|\\s)" + keyGroup + "=" + VALUE + "\\s*$");
        Map<String, String> options = new LinkedHashMap<>();
        String rest = line;
        for (Matcher m = leading.matcher(rest); m.find(); m = leading.matcher(rest)) {
            options.putIfAbsent(m.group(1), unquote(m.group(2)));
            rest = rest.substring(m.end());
        }
        for (Matcher m = trailing.matcher(rest); m.find(); m = trailing.matcher(rest)) {
            options.putIfAbsent(m.group(1), unquote(m.group(2)));
            rest = rest.substring(0, m.start());
        }
        return new LegacyOptions(rest.strip(), Map.copyOf(options));
    }

    /**
     * The value of option {@code key}: the task parameter, else the legacy word.
     *
     * @throws IllegalArgumentException when both are given with different values
     */
    java.util.Optional<String> resolve(io.ringmaster.module.api.Args args, String key) {
        java.util.Optional<String> param = args.string(key);
        String legacy = options.get(key);
        if (param.isPresent() && legacy != null && !param.get().equals(legacy)) {
            throw new IllegalArgumentException(
                    key
                            + " is given twice, as the parameter '"
                            + param.get()
                            + "' and as the word '"
                            + key
                            + "="
                            + legacy
                            + "' in the command; keep one of them");
        }
        return param.isPresent() ? param : java.util.Optional.ofNullable(legacy);
    }

    private static String unquote(String value) {
        boolean quoted =
                value.length() >= 2
                        && (value.startsWith("'") && value.endsWith("'")
                                || value.startsWith("\"") && value.endsWith("\""));
        return quoted ? value.substring(1, value.length() - 1) : value;
    }
}
