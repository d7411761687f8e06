package io.ringmaster.builtin.support;

import java.util.regex.Pattern;

/**
 * The regular expressions fact parsing applies to every line of every host's output, compiled once:
 * {@code String.split} and {@code String.matches} with a regular expression compile it on every
 * call.
 */
public final class Patterns {
    public static final Pattern WHITESPACE = Pattern.compile("\\s+");
    public static final Pattern DIGITS = Pattern.compile("\\d+");
    public static final Pattern INTEGER = Pattern.compile("-?\\d+");

    /** One entry of a kernel CPU list: {@code 3} or {@code 2-7}. */
    public static final Pattern CPU_RANGE = Pattern.compile("\\d+(-\\d+)?");

    /** A kernel CPU list: {@code 0-3,8,10-11}. */
    public static final Pattern CPU_LIST = Pattern.compile("\\d+(-\\d+)?(,\\d+(-\\d+)?)*");

    private Patterns() {}

    /** The words of a line: {@code line.trim().split("\\s+")}. */
    public static String[] words(String line) {
        return WHITESPACE.split(line.trim());
    }

    /** Whether all of {@code s} matches {@code p}. */
    public static boolean is(Pattern p, String s) {
        return p.matcher(s).matches();
    }
}
