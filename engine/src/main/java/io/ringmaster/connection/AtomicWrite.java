package io.ringmaster.connection;

import io.ringmaster.module.api.Shell;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The remote shell script behind an atomic upload: the content arrives on stdin, is written to a temporary file in
 * the destination's directory ({@code .NAME.ringmaster.RANDOM}), gets its mode, and is renamed over the destination.
 * The temporary file is removed when any step fails. The content never appears on a command line.
 */
public final class AtomicWrite {
    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicWrite() {
    }

    /** The temporary path next to {@code path}. */
    public static String tempPathFor(String path) {
        byte[] r = new byte[6];
        RANDOM.nextBytes(r);
        int slash = path.lastIndexOf('/');
        String dir = slash < 0 ? "" : path.substring(0, slash + 1);
        String name = path.substring(slash + 1);
        return dir + "." + name + ".ringmaster." + HexFormat.of().formatHex(r);
    }

    /** The script for {@code /bin/sh -c}; {@code mode} is an octal string or null for the default mode. */
    public static String script(String path, String mode) {
        checkMode(mode);
        if (path.isEmpty() || path.endsWith("/")) {
            throw new IllegalArgumentException("upload destination must be a file path, got '" + path + "'");
        }
        String tmp = Shell.quote(tempPathFor(path));
        String dest = Shell.quote(path);
        StringBuilder sb = new StringBuilder();
        sb.append("if [ -d ").append(dest).append(" ]; then echo ").append(Shell.quote("ringmaster: " + path
                + " is a directory")).append(" >&2; exit 1; fi; ");
        if (mode != null) {
            sb.append("umask 077 && ");
        }
        sb.append("cat > ").append(tmp);
        if (mode != null) {
            sb.append(" && chmod ").append(mode).append(' ').append(tmp);
        }
        sb.append(" && mv -f ").append(tmp).append(' ').append(dest)
          .append(" || { rc=$?; rm -f ").append(tmp).append("; exit $rc; }");
        return sb.toString();
    }

    /** Rejects anything but an octal mode such as {@code 644} or {@code 0755}. */
    public static void checkMode(String mode) {
        if (mode != null && !mode.matches("[0-7]{3,4}")) {
            throw new IllegalArgumentException("file mode must be octal such as 0644, got '" + mode + "'");
        }
    }
}
