package io.ringmaster.builtin.support;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Several shell commands run in ONE remote exec, each printing a delimited section with its exit
 * status. The delimiter carries a random nonce, so no command output (a domain description, a file)
 * can forge a section.
 */
public final class Sections {

    /** One command's output (stdout and stderr merged) and exit status. */
    public record Section(String name, int rc, String text) {
        public boolean ok() {
            return rc == 0;
        }
    }

    private final String marker;
    private final List<String> script = new ArrayList<>();

    private Sections(String marker) {
        this.marker = marker;
    }

    /** A new script with a fresh random marker. */
    public static Sections script() {
        byte[] nonce = new byte[8];
        new SecureRandom().nextBytes(nonce);
        return new Sections("@@RM-" + HexFormat.of().formatHex(nonce) + "@@");
    }

    /** A script with a fixed marker (tests). */
    public static Sections withMarker(String marker) {
        return new Sections(marker);
    }

    public String marker() {
        return marker;
    }

    /** Adds a plain shell line (variable assignments, conditionals) that prints no section. */
    public Sections raw(String shellLine) {
        script.add(shellLine);
        return this;
    }

    /**
     * Adds a shell function definition (or any line several parts of a script need) once: a line
     * already in the script is not added again.
     */
    public Sections define(String shellLine) {
        if (!script.contains(shellLine)) {
            script.add(shellLine);
        }
        return this;
    }

    /** Adds a section: {@code command} is shell text whose values the caller has already quoted. */
    public Sections section(String name, String command) {
        script.add(begin(name));
        script.add("{ " + command + "\n} 2>&1; echo \"" + marker + " END " + name + " $?\"");
        return this;
    }

    /** Adds a section that ends the script with its status when the command fails. */
    public Sections step(String name, String command) {
        script.add(begin(name));
        script.add(
                "{ "
                        + command
                        + "\n} 2>&1; rc=$?; echo \""
                        + marker
                        + " END "
                        + name
                        + " $rc\"; [ $rc -eq 0 ] || exit $rc");
        return this;
    }

    /**
     * The shell line that opens a section; for scripts that print sections inside their own
     * conditionals.
     */
    public String begin(String name) {
        return "echo '" + marker + " BEGIN " + name + "'";
    }

    /** The shell line that closes a section with the status of the previous command. */
    public String end(String name) {
        return "echo \"" + marker + " END " + name + " $?\"";
    }

    /** The whole script for {@code /bin/sh -c}. */
    public String command() {
        return String.join("\n", script) + "\n";
    }

    /** Splits {@code stdout} into sections by name; text outside sections is ignored. */
    public Map<String, Section> parse(String stdout) {
        return parse(marker, stdout);
    }

    public static Map<String, Section> parse(String marker, String stdout) {
        Map<String, Section> out = new LinkedHashMap<>();
        String open = null;
        StringBuilder text = new StringBuilder();
        for (String line : stdout.split("\n", -1)) {
            if (line.startsWith(marker + " BEGIN ")) {
                open = line.substring(marker.length() + 7).trim();
                text.setLength(0);
            } else if (open != null && line.startsWith(marker + " END ")) {
                String[] parts = line.substring(marker.length() + 5).trim().split(" ");
                int rc = parts.length > 1 ? parseInt(parts[parts.length - 1]) : -1;
                out.put(open, new Section(open, rc, text.toString()));
                open = null;
            } else if (open != null) {
                text.append(line).append('\n');
            }
        }
        return out;
    }

    /** The text of a section when it succeeded. */
    public static Optional<String> okText(Map<String, Section> sections, String name) {
        Section s = sections.get(name);
        return s != null && s.ok() ? Optional.of(s.text()) : Optional.empty();
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
