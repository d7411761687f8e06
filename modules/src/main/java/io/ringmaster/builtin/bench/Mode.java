package io.ringmaster.builtin.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A QEMU aio mode, with the fio engine that drives the kernel the same way. */
enum Mode {
    IO_URING("io_uring", "io_uring"),
    NATIVE("native", "libaio"),
    THREADS("threads", "psync");

    private final String id;
    private final String fioEngine;

    Mode(String id, String fioEngine) {
        this.id = id;
        this.fioEngine = fioEngine;
    }

    /** The name in libvirt's {@code io=} attribute and in {@code qemu-img bench -i}. */
    String id() {
        return id;
    }

    String fioEngine() {
        return fioEngine;
    }

    static Optional<Mode> of(String id) {
        return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst();
    }

    static List<String> ids() {
        return Arrays.stream(values()).map(Mode::id).toList();
    }
}
