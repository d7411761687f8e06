package io.ringmaster.connection.ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An OpenSSH known_hosts file: plain and hashed ({@code |1|salt|hash}) host patterns, {@code
 * [host]:port}, wildcards, negation and the {@code @revoked} marker ({@code @cert-authority} lines
 * are ignored). Loaded once; new keys are appended by one writer at a time (in-process lock plus a
 * file lock), so many hosts may be trusted concurrently. Thread-safe.
 */
public final class KnownHostsFile {
    private record Entry(int line, String marker, List<String> patterns, String type, byte[] key) {}

    private final Path file;
    private final List<Entry> entries = new ArrayList<>();
    private int lineCount;

    private KnownHostsFile(Path file) {
        this.file = file;
    }

    /** Reads {@code file}; a missing file is empty. */
    public static KnownHostsFile load(Path file) {
        KnownHostsFile k = new KnownHostsFile(file);
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (String line : lines) {
                k.lineCount++;
                k.parse(k.lineCount, line);
            }
        } catch (NoSuchFileException e) {
            // no file yet: nothing is known
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read known_hosts file " + file + ": " + e.getMessage(), e);
        }
        return k;
    }

    public Path file() {
        return file;
    }

    /**
     * What this file says about {@code key} (a public key blob) for {@code name} ({@code host} or
     * {@code [host]:port}).
     */
    public synchronized HostKeyCheck check(String name, byte[] key) {
        String type = HostKeys.type(key);
        List<Integer> changed = new ArrayList<>();
        List<Integer> other = new ArrayList<>();
        Integer known = null;
        for (Entry e : entries) {
            if (!matches(e.patterns, name)) {
                continue;
            }
            boolean same = MessageDigest.isEqual(e.key, key);
            if ("@revoked".equals(e.marker)) {
                if (same) {
                    return new HostKeyCheck.Changed(file, List.of(e.line), true);
                }
                continue;
            }
            if (same) {
                known = known == null ? e.line : known;
            } else if (sameType(e.type, type)) {
                changed.add(e.line);
            } else {
                other.add(e.line);
            }
        }
        if (known != null) {
            return new HostKeyCheck.Known(known);
        }
        if (!changed.isEmpty()) {
            return new HostKeyCheck.Changed(file, changed, false);
        }
        return new HostKeyCheck.Unknown(other);
    }

    /**
     * The key types recorded for {@code name}, in file order (used to prefer them in negotiation).
     */
    public synchronized List<String> typesFor(String name) {
        List<String> types = new ArrayList<>();
        for (Entry e : entries) {
            if (e.marker == null && matches(e.patterns, name) && !types.contains(e.type)) {
                types.add(e.type);
            }
        }
        return types;
    }

    /**
     * Appends {@code name TYPE BASE64} to the file, unless the key is already recorded; returns its
     * line.
     */
    @SuppressWarnings("try") // the lock is held by the try, never read
    public synchronized int add(String name, byte[] key) {
        HostKeyCheck now = check(name, key);
        if (now instanceof HostKeyCheck.Known k) {
            return k.line();
        }
        String text = name + " " + HostKeys.publicKeyText(key) + "\n";
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null && !Files.isDirectory(dir)) {
                Files.createDirectories(
                        dir,
                        PosixFilePermissions.asFileAttribute(
                                PosixFilePermissions.fromString("rwx------")));
            }
            try (FileChannel ch =
                            FileChannel.open(
                                    file,
                                    StandardOpenOption.CREATE,
                                    StandardOpenOption.WRITE,
                                    StandardOpenOption.READ);
                    FileLock ignored = ch.lock()) {
                long size = ch.size();
                if (size > 0) {
                    ByteBuffer last = ByteBuffer.allocate(1);
                    ch.read(last, size - 1);
                    if (last.get(0) != '\n') {
                        text = "\n" + text;
                    }
                }
                ch.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), size);
                ch.force(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot record the host key of " + name + " in " + file + ": " + e.getMessage(),
                    e);
        }
        lineCount++;
        entries.add(new Entry(lineCount, null, List.of(name), HostKeys.type(key), key));
        return lineCount;
    }

    private void parse(int line, String raw) {
        String s = raw.strip();
        if (s.isEmpty() || s.startsWith("#")) {
            return;
        }
        String[] f = s.split("\\s+");
        int i = 0;
        String marker = null;
        if (f[0].startsWith("@")) {
            marker = f[0];
            i = 1;
        }
        if ("@cert-authority".equals(marker) || f.length < i + 3) {
            return;
        }
        try {
            byte[] key = Base64.getDecoder().decode(f[i + 2]);
            entries.add(new Entry(line, marker, List.of(f[i].split(",")), f[i + 1], key));
        } catch (IllegalArgumentException e) {
            // a line OpenSSH would also skip: not base64
        }
    }

    /** OpenSSH rule: some pattern matches and no negated pattern does. */
    static boolean matches(List<String> patterns, String name) {
        boolean hit = false;
        for (String p : patterns) {
            if (p.startsWith("!")) {
                if (glob(p.substring(1), name)) {
                    return false;
                }
            } else if (p.startsWith("|1|")) {
                hit |= hashedMatch(p, name);
            } else if (glob(p, name)) {
                hit = true;
            }
        }
        return hit;
    }

    private static boolean hashedMatch(String pattern, String name) {
        String[] parts = pattern.split("\\|");
        if (parts.length != 4) {
            return false;
        }
        try {
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] hash = Base64.getDecoder().decode(parts[3]);
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(salt, "HmacSHA1"));
            return MessageDigest.isEqual(hash, mac.doFinal(name.getBytes(StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    /** Case-insensitive glob with {@code *} and {@code ?}. */
    static boolean glob(String pattern, String name) {
        return globAt(pattern.toLowerCase(), 0, name.toLowerCase(), 0);
    }

    private static boolean globAt(String p, int pi, String s, int si) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                for (int k = si; k <= s.length(); k++) {
                    if (globAt(p, pi + 1, s, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (si >= s.length() || (c != '?' && c != s.charAt(si))) {
                return false;
            }
            pi++;
            si++;
        }
        return si == s.length();
    }

    /**
     * RSA keys are recorded as {@code ssh-rsa} whatever signature algorithm (rsa-sha2-*) was
     * negotiated.
     */
    private static boolean sameType(String a, String b) {
        return a.equals(b);
    }
}
