package io.ringmaster.connection.local;

import io.ringmaster.connection.AtomicWrite;
import io.ringmaster.connection.Connection;
import io.ringmaster.connection.HostLocks;
import io.ringmaster.connection.Signals;
import io.ringmaster.connection.Timeouts;
import io.ringmaster.module.api.ExecResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A connection to the control machine itself: one process per command, no session to keep. */
final class LocalConnection implements Connection {
    private static final Duration DRAIN_GRACE = Duration.ofSeconds(5);

    private final String host;
    private final ExecutorService pumps;

    LocalConnection(String host, ExecutorService pumps) {
        this.host = host;
        this.pumps = pumps;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public boolean isLocal() {
        return true;
    }

    @Override
    public ExecResult exec(String command, byte[] stdin, Duration timeout)
            throws InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("/bin/sh", "-c", command).start();
        } catch (IOException e) {
            return new ExecResult(127, "", "cannot start /bin/sh: " + e.getMessage(), null);
        }
        Future<byte[]> out = pumps.submit(() -> p.getInputStream().readAllBytes());
        Future<byte[]> err = pumps.submit(() -> p.getErrorStream().readAllBytes());
        pumps.submit(() -> feed(p.getOutputStream(), stdin));
        boolean finished;
        try {
            finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            kill(p);
            throw e;
        }
        if (!finished) {
            kill(p);
            return Timeouts.timedOut(
                    text(out),
                    text(err),
                    timeout,
                    host,
                    command,
                    "it and every process it started were killed (SIGKILL)");
        }
        int rc = p.exitValue();
        return new ExecResult(rc, text(out), text(err), Signals.fromShellExitCode(rc));
    }

    @Override
    public void upload(byte[] content, String path, String mode) {
        AtomicWrite.checkMode(mode);
        Path dest = Path.of(path).toAbsolutePath();
        Path tmp = dest.resolveSibling(Path.of(AtomicWrite.tempPathFor(path)).getFileName());
        try {
            Files.write(tmp, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.setPosixFilePermissions(tmp, permissions(mode == null ? "0644" : mode));
            if (mode != null && Integer.parseInt(mode, 8) > 0777) {
                chmod(mode, tmp);
            }
            keepOwner(dest, tmp);
            try {
                Files.move(
                        tmp,
                        dest,
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot rename " + tmp + " over " + dest + " atomically", e);
            }
        } catch (IOException e) {
            deleteQuietly(tmp);
            String msg =
                    "upload to "
                            + path
                            + " on "
                            + host
                            + " failed: "
                            + reason(e)
                            + "; the old file is kept";
            throw new UncheckedIOException(msg, e);
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    @Override
    public HostLocks.Channel openHolder(String command) throws IOException {
        return HostLocks.process(command);
    }

    /**
     * An existing destination keeps its owner and group, as the remote script does with chown
     * --reference.
     */
    private static void keepOwner(Path dest, Path tmp) throws IOException {
        if (!Files.exists(dest, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        PosixFileAttributes old = Files.readAttributes(dest, PosixFileAttributes.class);
        PosixFileAttributeView view = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
        PosixFileAttributes now = view.readAttributes();
        if (!now.owner().equals(old.owner())) {
            view.setOwner(old.owner());
        }
        if (!now.group().equals(old.group())) {
            view.setGroup(old.group());
        }
    }

    /**
     * What went wrong, in the system's words: "/x: No space left on device", never a Java class
     * name.
     */
    static String reason(IOException e) {
        if (e instanceof FileSystemException f) {
            String file = f.getFile() == null ? "" : f.getFile() + ": ";
            return file
                    + (f.getReason() != null
                            ? f.getReason()
                            : f instanceof java.nio.file.AccessDeniedException
                                    ? "Permission denied"
                                    : f instanceof java.nio.file.NoSuchFileException
                                            ? "No such file or directory"
                                            : f instanceof java.nio.file.FileAlreadyExistsException
                                                    ? "File exists"
                                                    : "cannot write");
        }
        return e.getMessage() == null ? "I/O error" : e.getMessage();
    }

    @Override
    public void close() {}

    private static void feed(OutputStream in, byte[] stdin) {
        try (in) {
            if (stdin != null) {
                in.write(stdin);
            }
        } catch (IOException e) {
            // the command exited without reading all of its input: as with a shell pipe, not an
            // error
        }
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(DRAIN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String text(Future<byte[]> f) throws InterruptedException {
        try {
            return new String(
                    f.get(DRAIN_GRACE.toMillis(), TimeUnit.MILLISECONDS), StandardCharsets.UTF_8);
        } catch (ExecutionException e) {
            return "";
        } catch (TimeoutException e) {
            f.cancel(true);
            return "";
        }
    }

    private static Set<PosixFilePermission> permissions(String mode) {
        int bits = Integer.parseInt(mode, 8);
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
                    PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
                    PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
                    PosixFilePermission.OWNER_READ
        };
        for (int i = 0; i < order.length; i++) {
            if ((bits & (1 << i)) != 0) {
                set.add(order[i]);
            }
        }
        return set;
    }

    private static void chmod(String mode, Path file) throws IOException {
        Process p =
                new ProcessBuilder("chmod", mode, file.toString())
                        .redirectErrorStream(true)
                        .start();
        try {
            String msg = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IOException("chmod " + mode + " failed: " + msg.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during chmod", e);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: the temporary file's name marks it as ours
        }
    }
}
