package io.ringmaster.connection.ssh;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads what Ringmaster honours from {@code ansible_ssh_common_args}: the ProxyJump ({@code -J
 * HOST}, {@code -o ProxyJump=HOST}, {@code -o "ProxyJump HOST"}). Every other option is accepted
 * and has no effect.
 */
final class CommonArgs {
    private CommonArgs() {}

    /** The ProxyJump value, or null when none is given. */
    static String proxyJump(String args) {
        List<String> words = split(args);
        String found = null;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            String value = null;
            if (w.equals("-J") || w.equals("-o")) {
                if (i + 1 >= words.size()) {
                    break;
                }
                String next = words.get(++i);
                value = w.equals("-J") ? next : option(next);
            } else if (w.startsWith("-J")) {
                value = w.substring(2);
            } else if (w.startsWith("-o")) {
                value = option(w.substring(2));
            }
            if (value != null && found == null) {
                found = value;
            }
        }
        return found;
    }

    /** The value of a {@code ProxyJump=X} or {@code ProxyJump X} option, else null. */
    private static String option(String opt) {
        String s = opt.strip();
        int sep = 0;
        while (sep < s.length() && s.charAt(sep) != '=' && !Character.isWhitespace(s.charAt(sep))) {
            sep++;
        }
        if (!s.substring(0, sep).toLowerCase(Locale.ROOT).equals("proxyjump")
                || sep >= s.length()) {
            return null;
        }
        String v = s.substring(sep + 1).strip();
        if (v.startsWith("=")) {
            v = v.substring(1).strip();
        }
        return v.isEmpty() ? null : v;
    }

    /**
     * Splits like a shell: whitespace separates words, single and double quotes group, backslash
     * escapes.
     */
    static List<String> split(String s) {
        List<String> words = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                } else if (ch == '\\' && quote == '"' && i + 1 < s.length()) {
                    cur.append(s.charAt(++i));
                } else {
                    cur.append(ch);
                }
            } else if (ch == '\'' || ch == '"') {
                quote = ch;
                inWord = true;
            } else if (ch == '\\' && i + 1 < s.length()) {
                cur.append(s.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(ch)) {
                if (inWord) {
                    words.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else {
                cur.append(ch);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(cur.toString());
        }
        return words;
    }
}
