package io.ringmaster.connection;

import io.ringmaster.module.api.Shell;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The remote shell script behind an atomic upload: the content arrives on stdin and is written to a
 * temporary file in the destination's directory ({@code .NAME.ringmaster.RANDOM}). Only when the
 * file has exactly the length and the SHA-256 the controller sent (so a killed controller or a
 * dropped connection, which the host sees as an ordinary end of input, never counts as complete)
 * does it get its mode, the old file's owner and group, and the rename over the destination. The
 * temporary file is removed on every other way out, signals included. The content never appears on
 * a command line.
 */
public final class AtomicWrite {
    /** The exit code of an upload that arrived incomplete or corrupted. */
    public static final int INCOMPLETE_RC = 75;

    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicWrite() {}

    /** The temporary path next to {@code path}. */
    public static String tempPathFor(String path) {
        byte[] r = new byte[6];
        RANDOM.nextBytes(r);
        int slash = path.lastIndexOf('/');
        String dir = slash < 0 ? "" : path.substring(0, slash + 1);
        String name = path.substring(slash + 1);
        return dir + "." + name + ".ringmaster." + HexFormat.of().formatHex(r);
    }

    /**
     * The script for {@code /bin/sh -c} that writes {@code content} (sent on its stdin); {@code
     * mode} may be null.
     */
    public static String script(String path, String mode, byte[] content) {
        checkMode(mode);
        if (path.isEmpty() || path.endsWith("/")) {
            throw new IllegalArgumentException(
                    "upload destination must be a file path, got '" + path + "'");
        }
        StringBuilder sb = new StringBuilder();
        sb.append("D=")
                .append(Shell.quote(path))
                .append("; T=")
                .append(Shell.quote(tempPathFor(path)))
                .append('\n');
        sb.append(
                "if [ -d \"$D\" ]; then echo \"ringmaster: $D is a directory\" >&2; exit 1; fi\n");
        // EXIT covers every way out; the signal traps turn a hang-up or a closed pipe into an exit
        sb.append("trap 'rm -f -- \"$T\"' EXIT; trap 'exit 1' HUP INT TERM PIPE\n");
        if (mode != null) {
            sb.append("umask 077\n");
        }
        sb.append("cat > \"$T\" || exit\n");
        sb.append("n=$(wc -c < \"$T\") || exit; n=$((n))\n");
        sb.append("if [ \"$n\" -ne ")
                .append(content.length)
                .append(" ]; then echo \"ringmaster: upload of $D")
                .append(" incomplete: $n of ")
                .append(content.length)
                .append(" bytes arrived; the old file is kept\" >&2; exit ")
                .append(INCOMPLETE_RC)
                .append("; fi\n");
        sb.append("s=$(sha256sum < \"$T\") || exit\n");
        sb.append("if [ \"${s%% *}\" != ")
                .append(sha256(content))
                .append(" ]; then echo \"ringmaster: upload of $D")
                .append(" arrived corrupted (SHA-256 differs); the old file is kept\" >&2; exit ")
                .append(INCOMPLETE_RC)
                .append("; fi\n");
        if (mode != null) {
            sb.append("chmod ").append(mode).append(" \"$T\" || exit\n");
        }
        sb.append("if [ -e \"$D\" ]; then chown --reference=\"$D\" -- \"$T\" || exit; fi\n");
        sb.append("mv -f -- \"$T\" \"$D\"\n");
        return sb.toString();
    }

    /** The SHA-256 of {@code content} in lower-case hex, as {@code sha256sum} prints it. */
    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Rejects anything but an octal mode such as {@code 644} or {@code 0755}. */
    public static void checkMode(String mode) {
        if (mode != null && !mode.matches("[0-7]{3,4}")) {
            throw new IllegalArgumentException(
                    "file mode must be octal such as 0644, got '" + mode + "'");
        }
    }
}
