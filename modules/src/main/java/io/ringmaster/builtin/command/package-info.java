/**
 * The {@code command} and {@code shell} modules, which run programs on a host as Ansible's modules
 * of those names do, with one round trip per task.
 */
package io.ringmaster.builtin.command;
