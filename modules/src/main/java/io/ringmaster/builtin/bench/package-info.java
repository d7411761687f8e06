/**
 * {@code storage_bench}: measures a host's storage per QEMU aio mode (io_uring, native, threads)
 * with {@code qemu-img bench} and fio, read-only unless asked otherwise, in the module shape read,
 * plan, apply, verify.
 */
package io.ringmaster.builtin.bench;
