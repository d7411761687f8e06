package io.ringmaster.modules.command;

import io.ringmaster.module.api.ExecResult;
import io.ringmaster.module.api.Remote;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Test-only: runs commands on this machine with {@code /bin/sh -c}, as a real transport would on a
 * host.
 */
public final class LocalShellRemote implements Remote {

    private static final Duration TEST_LIMIT = Duration.ofSeconds(30);

    @Override
    public ExecResult exec(String command, byte[] stdin, Duration timeout)
            throws InterruptedException {
        try {
            Process p = new ProcessBuilder("/bin/sh", "-c", command).start();
            CompletableFuture<String> out =
                    CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
            CompletableFuture<String> err =
                    CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            try (OutputStream in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            }
            Duration limit = timeout.compareTo(TEST_LIMIT) < 0 ? timeout : TEST_LIMIT;
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return new ExecResult(-9, out.join(), err.join(), "SIGKILL");
            }
            return new ExecResult(p.exitValue(), out.get(), err.get(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String readAll(InputStream s) {
        try {
            return new String(s.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void upload(byte[] content, String path, String mode) {
        throw new UnsupportedOperationException("not used by these modules");
    }

    @Override
    public boolean isLocal() {
        return true;
    }
}
