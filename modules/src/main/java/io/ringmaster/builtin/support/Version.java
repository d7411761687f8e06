package io.ringmaster.builtin.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A dotted version number such as {@code 5.10.0}, compared numerically component by component
 * (missing components count as 0, so {@code 5.10 == 5.10.0}). {@code raw} is the text it came from.
 */
public record Version(List<Integer> parts, String raw) implements Comparable<Version> {

    private static final Pattern DOTTED = Pattern.compile("(\\d+(?:\\.\\d+)+|\\d+)");
    private static final Pattern QEMU = Pattern.compile("QEMU emulator version (\\d+(?:\\.\\d+)*)");
    private static final Pattern LIBVIRT_LIB =
            Pattern.compile("Using library: libvirt (\\d+(?:\\.\\d+)*)");
    private static final Pattern LIBVIRT_DAEMON =
            Pattern.compile("Running against daemon: (\\d+(?:\\.\\d+)*)");
    private static final Pattern HYPERVISOR =
            Pattern.compile("Running hypervisor: QEMU (\\d+(?:\\.\\d+)*)");

    public Version {
        parts = List.copyOf(parts);
        raw = raw == null ? "" : raw;
    }

    /** The first dotted number in {@code text}: {@code 5.14.0-427.el9.x86_64} gives 5.14.0. */
    public static Optional<Version> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = DOTTED.matcher(text);
        return m.find() ? Optional.of(of(m.group(1), text.trim())) : Optional.empty();
    }

    /** A kernel release as {@code uname -r} prints it. */
    public static Optional<Version> kernel(String unameR) {
        return parse(unameR);
    }

    /** The output of {@code qemu-system-x86_64 --version}. */
    public static Optional<Version> qemu(String versionOutput) {
        return find(QEMU, versionOutput);
    }

    /**
     * libvirt's own version from {@code virsh version}: the daemon's when printed, else the
     * library's.
     */
    public static Optional<Version> libvirt(String virshVersionOutput) {
        return find(LIBVIRT_DAEMON, virshVersionOutput)
                .or(() -> find(LIBVIRT_LIB, virshVersionOutput));
    }

    /**
     * The QEMU version libvirt reports in {@code virsh version} ("Running hypervisor: QEMU
     * 7.2.22").
     */
    public static Optional<Version> hypervisor(String virshVersionOutput) {
        return find(HYPERVISOR, virshVersionOutput);
    }

    private static Optional<Version> find(Pattern p, String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = p.matcher(text);
        return m.find() ? Optional.of(of(m.group(1), m.group(1))) : Optional.empty();
    }

    private static Version of(String dotted, String raw) {
        List<Integer> parts = new ArrayList<>();
        for (String p : dotted.split("\\.")) {
            parts.add(Integer.parseInt(p.length() > 9 ? p.substring(0, 9) : p));
        }
        return new Version(parts, raw);
    }

    /** The dotted number alone, e.g. {@code 7.2.22}. */
    public String number() {
        return parts.stream().map(String::valueOf).collect(Collectors.joining("."));
    }

    public boolean atLeast(Version other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(Version o) {
        int n = Math.max(parts.size(), o.parts.size());
        for (int i = 0; i < n; i++) {
            int a = i < parts.size() ? parts.get(i) : 0;
            int b = i < o.parts.size() ? o.parts.get(i) : 0;
            if (a != b) {
                return Integer.compare(a, b);
            }
        }
        return 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Version v && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
        List<Integer> trimmed = new ArrayList<>(parts);
        while (!trimmed.isEmpty() && trimmed.get(trimmed.size() - 1) == 0) {
            trimmed.remove(trimmed.size() - 1);
        }
        return trimmed.hashCode();
    }

    @Override
    public String toString() {
        return number();
    }
}
