package io.ringmaster.lab;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Address blocks 127.0.B.1..N, B in 20..250: one block per extension, distinct within a JVM
 * (counter) and most likely across JVMs (seeded from the pid); a block where anything already
 * answers on port 22 is skipped. lab/up uses 127.0.10.x, outside this range.
 */
final class LabAddresses {

    static final int FIRST = 20;
    static final int COUNT = 231;
    private static final AtomicInteger NEXT =
            new AtomicInteger((int) (ProcessHandle.current().pid() % COUNT));

    private LabAddresses() {}

    static String block(int hosts) {
        for (int tries = 0; tries < COUNT; tries++) {
            String prefix = "127.0." + (FIRST + Math.floorMod(NEXT.getAndIncrement(), COUNT)) + ".";
            if (free(prefix, hosts)) {
                return prefix;
            }
        }
        throw new IllegalStateException("no free 127.0.x.0/24 block for " + hosts + " lab hosts");
    }

    private static boolean free(String prefix, int hosts) {
        for (int i = 1; i <= hosts; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(prefix + i, 22), 100);
                return false; // something listens there
            } catch (IOException refused) {
                // free
            }
        }
        return true;
    }
}
