package io.ringmaster.lab;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;

/**
 * Ready when a TCP connect to ADDRESS:22 succeeds (host network: there are no mapped ports to
 * probe).
 */
final class SshdListening extends AbstractWaitStrategy {

    private final String address;

    SshdListening(String address) {
        this.address = address;
    }

    @Override
    protected void waitUntilReady() {
        long deadline = System.nanoTime() + startupTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(address, 22), 200);
                return;
            } catch (IOException notYet) {
                if (!waitStrategyTarget.isRunning()) {
                    throw new ContainerLaunchException(
                            "lab host on " + address + " exited: " + waitStrategyTarget.getLogs());
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ContainerLaunchException("interrupted", e);
            }
        }
        throw new ContainerLaunchException(
                "sshd not listening on " + address + ":22 after " + startupTimeout);
    }
}
