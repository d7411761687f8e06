package io.ringmaster.builtin.support;

import io.ringmaster.module.api.Shell;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Backups on the host, shared by {@code template}, {@code copy} and {@code lineinfile}
 * (DEST.STAMP.bak beside the file) and {@code virt_domain} (DIR/NAME.STAMP.xml, the newest few
 * kept). A STAMP is UTC to the millisecond, so names sort by time.
 */
public final class Backups {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'");

    /** The length of a stamp: {@code 20261201T120000.000Z}. */
    static final int STAMP_LENGTH = "YYYYMMDDTHHMMSS.SSSZ".length();

    private static final String STAMP_RE =
            "[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]T[0-9][0-9][0-9][0-9][0-9][0-9]\\.[0-9][0-9][0-9]Z";

    private Backups() {}

    /** The current UTC stamp. */
    public static String stamp() {
        return STAMP.format(ZonedDateTime.now(ZoneOffset.UTC));
    }

    /** {@code PATH.STAMP.bak}: the backup of a file, beside it. */
    public static String beside(String path) {
        return path + "." + stamp() + ".bak";
    }

    /** {@code DIR/NAME.STAMP.xml}. */
    public static String inDir(String dir, String name) {
        return dir + "/" + name + "." + stamp() + ".xml";
    }

    /**
     * A shell snippet that writes a backup with {@code writeCommand} (which writes to the quoted
     * path) into a private directory (0700, files 0600) and then removes the oldest backups of the
     * same NAME beyond {@code keep}; another name's backups (even NAME.x) are never touched.
     */
    public static String writeAndPrune(String backupPath, String writeCommand, int keep) {
        String dir = backupPath.substring(0, backupPath.lastIndexOf('/'));
        String file = backupPath.substring(dir.length() + 1);
        String prefix = file.substring(0, file.length() - STAMP_LENGTH - ".xml".length());
        return "umask 077 && mkdir -p "
                + Shell.quote(dir)
                + " && chmod 0700 "
                + Shell.quote(dir)
                + " && "
                + writeCommand
                + " && { cd "
                + Shell.quote(dir)
                + " && export P="
                + Shell.quote(prefix)
                + " && ls -1 2>/dev/null"
                + " | awk 'BEGIN { p = ENVIRON[\"P\"] } substr($0, 1, length(p)) == p && substr($0, length(p) + 1)"
                + " ~ /^"
                + STAMP_RE
                + "\\.xml$/'"
                + " | sort | head -n -"
                + keep
                + " | while IFS= read -r f; do rm -f -- \"$f\"; done; true; }";
    }
}
