package io.ringmaster.builtin.files;

/**
 * File modes as chmod takes them: octal ({@code 0644}) or symbolic ({@code u=rw,g=r,o=}), turned
 * into the octal number a file should end up with, so a module can compare it with what {@code
 * stat} reports before changing it.
 */
public final class Modes {
    private Modes() {}

    /**
     * The mode {@code spec} gives a file whose current mode is {@code current} (octal bits; -1 when
     * absent).
     */
    public static int target(String spec, int current, boolean directory) {
        String s = spec.strip();
        if (s.matches("0?[0-7]{3,4}")) {
            return Integer.parseInt(s, 8);
        }
        int mode = current < 0 ? 0 : current;
        for (String clause : s.split(",")) {
            mode = clause(clause, mode, directory);
        }
        return mode;
    }

    /**
     * True when chmod would take {@code spec}: octal, or symbolic clauses such as {@code
     * u=rw,g=r,o=}.
     */
    public static boolean valid(String spec) {
        try {
            target(spec, 0644, false);
            return !spec.isBlank();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Octal text without leading zeros beyond three digits, as {@code stat -c %a} prints it. */
    public static String octal(int mode) {
        return Integer.toOctalString(mode);
    }

    /** {@code 0644} style, as Ansible returns a mode. */
    public static String ansible(int mode) {
        return String.format("%04o", mode);
    }

    private static int clause(String clause, int mode, boolean directory) {
        int op = indexOfOp(clause);
        if (op < 0) {
            throw new IllegalArgumentException("mode clause '" + clause + "' has no +, - or =");
        }
        String who = clause.substring(0, op).isEmpty() ? "a" : clause.substring(0, op);
        char o = clause.charAt(op);
        String perms = clause.substring(op + 1);
        int mask = whoMask(who);
        int bits = permBits(perms, who, mode, directory) & (mask | 07000);
        return switch (o) {
            case '+' -> mode | bits;
            case '-' -> mode & ~bits;
            default -> (mode & ~(mask | specialMask(who))) | bits;
        };
    }

    private static int indexOfOp(String clause) {
        for (int i = 0; i < clause.length(); i++) {
            if ("+-=".indexOf(clause.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static int whoMask(String who) {
        int m = 0;
        for (char c : who.toCharArray()) {
            m |=
                    switch (c) {
                        case 'u' -> 0700;
                        case 'g' -> 0070;
                        case 'o' -> 0007;
                        case 'a' -> 0777;
                        default ->
                                throw new IllegalArgumentException(
                                        "unknown mode target '" + c + "' (use u, g, o or a)");
                    };
        }
        return m;
    }

    private static int specialMask(String who) {
        int m = 0;
        m |= who.contains("u") || who.contains("a") ? 04000 : 0;
        m |= who.contains("g") || who.contains("a") ? 02000 : 0;
        m |= who.contains("o") || who.contains("a") ? 01000 : 0;
        return m;
    }

    private static int permBits(String perms, String who, int mode, boolean directory) {
        int rwx = 0;
        int special = 0;
        for (char c : perms.toCharArray()) {
            switch (c) {
                case 'r' -> rwx |= 4;
                case 'w' -> rwx |= 2;
                case 'x' -> rwx |= 1;
                case 'X' -> rwx |= directory || (mode & 0111) != 0 ? 1 : 0;
                case 's' -> special |= specialMask(who.replace("o", "").replace("a", "ug")) & 06000;
                case 't' -> special |= 01000;
                default ->
                        throw new IllegalArgumentException(
                                "unknown permission '" + c + "' (use r, w, x, X, s, t)");
            }
        }
        return rwx << 6 | rwx << 3 | rwx | special;
    }
}
