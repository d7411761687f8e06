package io.ringmaster.connection.ssh;

import java.nio.file.Path;
import java.util.List;

/** What a known_hosts file says about a host's key. */
public sealed interface HostKeyCheck {

    /** The key is recorded for the host. */
    record Known(int line) implements HostKeyCheck {}

    /**
     * No key of this type is recorded for the host; {@code otherTypeLines} lists lines with other
     * key types.
     */
    record Unknown(List<Integer> otherTypeLines) implements HostKeyCheck {
        public Unknown {
            otherTypeLines = List.copyOf(otherTypeLines);
        }
    }

    /**
     * A different key of the same type is recorded (or the key is marked revoked), at these lines
     * of {@code file}.
     */
    record Changed(Path file, List<Integer> lines, boolean revoked) implements HostKeyCheck {
        public Changed {
            lines = List.copyOf(lines);
        }
    }
}
