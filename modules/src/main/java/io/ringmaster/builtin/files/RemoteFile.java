package io.ringmaster.builtin.files;

/**
 * A path on the host as {@code stat} saw it. {@code type} is {@code absent}, {@code file}, {@code
 * directory}, {@code link} or {@code other}; {@code mode} is octal bits (-1 when absent); {@code
 * content} is empty unless it was asked for and the path is a regular file; {@code linkTarget} is
 * set for a symbolic link.
 */
public record RemoteFile(
        String path,
        String type,
        int mode,
        String owner,
        String group,
        long size,
        byte[] content,
        String linkTarget) {

    public static RemoteFile absent(String path) {
        return new RemoteFile(path, "absent", -1, "", "", 0, new byte[0], "");
    }

    public boolean exists() {
        return !type.equals("absent");
    }

    public boolean isFile() {
        return type.equals("file");
    }

    public boolean isDirectory() {
        return type.equals("directory");
    }

    public boolean isLink() {
        return type.equals("link");
    }

    /** {@code stat -c %F} text as one of the types above. */
    static String typeOf(String statType) {
        String t = statType.strip();
        if (t.startsWith("regular")) {
            return "file";
        }
        return switch (t) {
            case "directory" -> "directory";
            case "symbolic link" -> "link";
            default -> "other";
        };
    }
}
