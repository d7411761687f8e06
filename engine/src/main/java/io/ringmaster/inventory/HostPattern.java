package io.ringmaster.inventory;

import io.ringmaster.error.UserError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Evaluates Ansible host patterns like {@code InventoryManager.get_hosts}: parts separated by
 * {@code ,} or {@code :}; plain parts are unions, {@code &} parts intersections, {@code !} parts
 * exclusions, applied in that order whatever the order written (no plain part means {@code all}); a
 * part is a host name, or a group name or glob ({@code *}, {@code ?}, {@code [..]}) over group
 * names, also over host names when it has no matching group or has a glob character or a dot, or
 * {@code ~regex} (Java syntax, matched at the start like Python's {@code re.match}); a part may end
 * in a subscript {@code [0]}, {@code [-1]}, {@code [1:3]}. The result is in inventory order without
 * duplicates (Ansible keeps the order in which parts matched). The implicit localhost names match
 * only when named and absent from the inventory.
 */
final class HostPattern {
    private static final Pattern SUBSCRIPT =
            Pattern.compile("(.+)\\[(?:(-?[0-9]+)|([0-9]+)[:-]([0-9]*))]");
    private static final Pattern COLON_PARTS = Pattern.compile("(?:[^\\s:\\[\\]]|\\[[^\\]]*])+");
    private static final Pattern IPV6 =
            Pattern.compile("[0-9A-Fa-f]*:[0-9A-Fa-f:.]*:[0-9A-Fa-f.]*");

    private final Map<String, Integer> order;
    private final Map<String, List<String>> groupHosts;
    private final Set<String> implicit;

    /**
     * @param order host name to its position in the inventory
     * @param groupHosts group name to all its hosts (transitively), in inventory order
     * @param implicit implicit host names (localhost ...) not in the inventory
     */
    HostPattern(
            Map<String, Integer> order,
            Map<String, List<String>> groupHosts,
            Set<String> implicit) {
        this.order = order;
        this.groupHosts = groupHosts;
        this.implicit = implicit;
    }

    List<String> select(String pattern) {
        List<String> parts = split(pattern);
        List<String> ordered = new ArrayList<>();
        parts.stream().filter(p -> !p.startsWith("&") && !p.startsWith("!")).forEach(ordered::add);
        if (ordered.isEmpty()) {
            ordered.add("all");
        }
        parts.stream().filter(p -> p.startsWith("&")).forEach(ordered::add);
        parts.stream().filter(p -> p.startsWith("!")).forEach(ordered::add);
        Set<String> hosts = new LinkedHashSet<>();
        for (String p : ordered) {
            if (order.containsKey(p)) {
                hosts.add(p);
            } else if (p.startsWith("!")) {
                hosts.removeAll(matchOne(p.substring(1)));
            } else if (p.startsWith("&")) {
                hosts.retainAll(matchOne(p.substring(1)));
            } else {
                hosts.addAll(matchOne(p));
            }
        }
        return sorted(hosts);
    }

    /**
     * The parts (without {@code &}/{@code !}) that name no host or group, as Ansible warns about
     * them.
     */
    List<String> unmatched(String pattern) {
        List<String> out = new ArrayList<>();
        for (String p : split(pattern)) {
            String name = p.startsWith("&") || p.startsWith("!") ? p.substring(1) : p;
            String expr = Subscripted.of(name).expr();
            if (!order.containsKey(name) && !expr.equals("all") && enumerate(expr).isEmpty()) {
                out.add(name);
            }
        }
        return out;
    }

    static List<String> split(String pattern) {
        List<String> parts = new ArrayList<>();
        for (String chunk : pattern.strip().split(",")) {
            String c = chunk.strip();
            if (c.startsWith("~") || IPV6.matcher(c).matches()) {
                parts.add(c);
                continue;
            }
            Matcher m = COLON_PARTS.matcher(c);
            while (m.find()) {
                parts.add(m.group().strip());
            }
        }
        parts.removeIf(String::isEmpty);
        return parts;
    }

    /**
     * A part split into its expression and optional subscript: {@code web[0]}, {@code web[1:3]},
     * {@code web[2:]}.
     */
    private record Subscripted(String expr, Integer index, Integer start, Integer end) {
        static Subscripted of(String part) {
            Matcher m = SUBSCRIPT.matcher(part);
            if (part.startsWith("~") || !m.matches()) {
                return new Subscripted(part, null, null, null);
            }
            if (m.group(2) != null) {
                return new Subscripted(m.group(1), Integer.valueOf(m.group(2)), null, null);
            }
            Integer end = m.group(4).isEmpty() ? null : Integer.valueOf(m.group(4));
            return new Subscripted(m.group(1), null, Integer.valueOf(m.group(3)), end);
        }

        List<String> apply(List<String> hosts) {
            if (index != null) {
                int i = index < 0 ? hosts.size() + index : index;
                return i >= 0 && i < hosts.size() ? List.of(hosts.get(i)) : List.of();
            }
            if (start != null) {
                int last = Math.min(end == null ? hosts.size() - 1 : end, hosts.size() - 1);
                return start > last ? List.of() : hosts.subList(start, last + 1);
            }
            return hosts;
        }
    }

    private List<String> matchOne(String part) {
        Subscripted s = Subscripted.of(part);
        return s.apply(enumerate(s.expr()));
    }

    private List<String> enumerate(String expr) {
        Pattern re = compile(expr);
        boolean regex = expr.startsWith("~");
        Set<String> found = new LinkedHashSet<>();
        boolean groupMatched = false;
        for (Map.Entry<String, List<String>> g : groupHosts.entrySet()) {
            if (matches(re, regex, g.getKey())) {
                groupMatched = true;
                found.addAll(g.getValue());
            }
        }
        if (!groupMatched || regex || expr.chars().anyMatch(c -> ".?*[".indexOf(c) >= 0)) {
            order.keySet().stream().filter(h -> matches(re, regex, h)).forEach(found::add);
        }
        if (found.isEmpty() && implicit.contains(expr)) {
            found.add(expr);
        }
        return sorted(found);
    }

    private static boolean matches(Pattern re, boolean regex, String name) {
        Matcher m = re.matcher(name);
        return regex ? m.lookingAt() : m.matches();
    }

    private static Pattern compile(String expr) {
        try {
            return Pattern.compile(expr.startsWith("~") ? expr.substring(1) : Glob.toRegex(expr));
        } catch (PatternSyntaxException e) {
            throw new UserError(
                    null,
                    "invalid host pattern '" + expr + "': " + e.getDescription(),
                    "'~' starts a regular expression; * and ? are wildcards");
        }
    }

    private List<String> sorted(Set<String> hosts) {
        List<String> out = new ArrayList<>(hosts);
        out.sort(Comparator.comparingInt(h -> order.getOrDefault(h, Integer.MAX_VALUE)));
        return out;
    }
}
