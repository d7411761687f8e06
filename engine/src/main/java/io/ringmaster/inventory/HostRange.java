package io.ringmaster.inventory;

import io.ringmaster.error.Position;
import io.ringmaster.error.UserError;
import java.util.ArrayList;
import java.util.List;

/**
 * Expands Ansible host ranges as {@code ansible.inventory.helpers.expand_hostname_range} does:
 * {@code db[01:50].example.com} (zero padding kept), {@code web[a:f]}, a stride {@code [1:10:2]},
 * several ranges in one name, and an omitted start meaning 0.
 */
final class HostRange {
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final int MAX_HOSTS = 100_000;
    private static final String HINT =
            "a host range is [start:end] or [start:end:step], e.g. web[01:20] or db[a:f]";

    private HostRange() {}

    static List<String> expand(String pattern, Position at) {
        List<String> out = new ArrayList<>();
        expand(pattern, pattern, at, out);
        return out;
    }

    private static void expand(String name, String original, Position at, List<String> out) {
        int open = name.indexOf('[');
        if (open < 0) {
            out.add(name);
            return;
        }
        int close = name.indexOf(']', open);
        if (close < 0) {
            throw error(at, original, "has '[' without a closing ']'");
        }
        String head = name.substring(0, open);
        String tail = name.substring(close + 1);
        String[] bounds = name.substring(open + 1, close).split(":", -1);
        if (bounds.length != 2 && bounds.length != 3) {
            throw error(at, original, "must be begin:end or begin:end:step");
        }
        String begin = bounds[0].isEmpty() ? "0" : bounds[0];
        String end = bounds[1];
        if (end.isEmpty()) {
            throw error(at, original, "must specify an end value");
        }
        int step = bounds.length == 3 ? integer(bounds[2], at, original) : 1;
        if (step <= 0) {
            throw error(at, original, "must have a positive step");
        }
        for (String item : sequence(begin, end, step, at, original)) {
            expand(head + item + tail, original, at, out);
            if (out.size() > MAX_HOSTS) {
                throw error(at, original, "expands to more than " + MAX_HOSTS + " names");
            }
        }
    }

    private static List<String> sequence(
            String begin, String end, int step, Position at, String original) {
        List<String> items = new ArrayList<>();
        int letterBegin = begin.length() == 1 ? LETTERS.indexOf(begin) : -1;
        int letterEnd = end.length() == 1 ? LETTERS.indexOf(end) : -1;
        if (letterBegin >= 0 && letterEnd >= 0) {
            if (letterBegin > letterEnd) {
                throw error(at, original, "must have begin <= end");
            }
            for (int i = letterBegin; i <= letterEnd; i += step) {
                items.add(String.valueOf(LETTERS.charAt(i)));
            }
            return items;
        }
        boolean padded = begin.length() > 1 && begin.charAt(0) == '0';
        if (padded && begin.length() != end.length()) {
            throw error(at, original, "must specify equal-length begin and end formats");
        }
        int from = integer(begin, at, original);
        int to = integer(end, at, original);
        if (((long) to - from) / step > MAX_HOSTS) {
            throw error(at, original, "expands to more than " + MAX_HOSTS + " names");
        }
        for (long i = from; i <= to; i += step) {
            String digits = Long.toString(i);
            items.add(
                    padded
                            ? "0".repeat(Math.max(0, begin.length() - digits.length())) + digits
                            : digits);
        }
        return items;
    }

    private static int integer(String text, Position at, String original) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw error(
                    at,
                    original,
                    "has '" + text + "' where a number or a single letter was expected");
        }
    }

    private static UserError error(Position at, String original, String problem) {
        return new UserError(at, "host range in '" + original + "' " + problem, HINT);
    }
}
