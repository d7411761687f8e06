package io.ringmaster.modules.virt;

import io.ringmaster.module.api.ExecResult;
import io.ringmaster.module.api.Remote;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Test-only {@link Remote} running commands on this machine with {@code /bin/sh -c}; records every
 * command.
 */
public final class LocalRemote implements Remote {
    private final List<String> commands = Collections.synchronizedList(new ArrayList<>());

    public List<String> commands() {
        return List.copyOf(commands);
    }

    public void clear() {
        commands.clear();
    }

    @Override
    public ExecResult exec(String command, byte[] stdin, Duration timeout)
            throws InterruptedException {
        commands.add(command);
        try {
            Process p = new ProcessBuilder("/bin/sh", "-c", command).start();
            CompletableFuture<byte[]> out = read(p.getInputStream());
            CompletableFuture<byte[]> err = read(p.getErrorStream());
            try (OutputStream in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return new ExecResult(-1, "", "timed out after " + timeout, "KILL");
            }
            return new ExecResult(
                    p.exitValue(),
                    new String(out.join(), StandardCharsets.UTF_8),
                    new String(err.join(), StandardCharsets.UTF_8),
                    null);
        } catch (IOException e) {
            return new ExecResult(127, "", e.toString(), null);
        }
    }

    private static CompletableFuture<byte[]> read(InputStream s) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try (s) {
                        ByteArrayOutputStream b = new ByteArrayOutputStream();
                        s.transferTo(b);
                        return b.toByteArray();
                    } catch (IOException e) {
                        return new byte[0];
                    }
                });
    }

    @Override
    public void upload(byte[] content, String path, String mode) {
        commands.add("upload " + path);
        try {
            Path dest = Path.of(path);
            Path tmp = Files.createTempFile(dest.getParent(), ".rm-upload", ".tmp");
            Files.write(tmp, content);
            if (mode != null) {
                Files.setPosixFilePermissions(
                        tmp, PosixFilePermissions.fromString(rwx(Integer.parseInt(mode, 8))));
            }
            Files.move(
                    tmp, dest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException("upload to " + path + " failed: " + e, e);
        }
    }

    private static String rwx(int mode) {
        StringBuilder sb = new StringBuilder();
        for (int shift = 6; shift >= 0; shift -= 3) {
            int b = (mode >> shift) & 7;
            sb.append((b & 4) != 0 ? 'r' : '-')
                    .append((b & 2) != 0 ? 'w' : '-')
                    .append((b & 1) != 0 ? 'x' : '-');
        }
        return sb.toString();
    }

    @Override
    public io.ringmaster.module.api.HostLock lock(String lockFile, Duration wait)
            throws io.ringmaster.module.api.HostUnreachableException,
                    InterruptedException,
                    io.ringmaster.module.api.HostLock.Busy {
        commands.add("lock " + lockFile);
        return io.ringmaster.connection.HostLocks.take(
                io.ringmaster.connection.HostLocks::process, "localhost", lockFile, wait);
    }

    @Override
    public boolean isLocal() {
        return true;
    }
}
