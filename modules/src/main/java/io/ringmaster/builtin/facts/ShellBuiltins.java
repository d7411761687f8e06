package io.ringmaster.builtin.facts;

/**
 * Reading a text file in the fact script without starting a process: on a fleet every {@code cat}
 * is a fork and an exec per host. A function, defined once per script, that copies a file to stdout
 * with {@code read} and {@code printf} (built-ins in bash and dash), the last line kept when it has
 * no newline. Not for binary sysfs attributes (a node's cpulist, thread_siblings_list), which
 * dash's byte-wise read gets nothing from.
 */
final class ShellBuiltins {
    /** The function's name: {@code rmrd FILE} prints FILE; exit status non-zero when unreadable. */
    static final String READ_FILE = "rmrd";

    /** Its definition, a line of its own in the script. */
    static final String READ_FILE_FUNCTION =
            READ_FILE
                    + "() { while IFS= read -r l || [ -n \"$l\" ]; do printf '%s\\n' \"$l\"; done <\"$1\"; }";

    private ShellBuiltins() {}
}
