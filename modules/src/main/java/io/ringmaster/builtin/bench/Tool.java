package io.ringmaster.builtin.bench;

/** A benchmark program on the host. */
enum Tool {
    QEMU_IMG("qemu-img", "qemu-utils"),
    FIO("fio", "fio");

    private final String command;
    private final String debianPackage;

    Tool(String command, String debianPackage) {
        this.command = command;
        this.debianPackage = debianPackage;
    }

    String command() {
        return command;
    }

    String debianPackage() {
        return debianPackage;
    }
}
