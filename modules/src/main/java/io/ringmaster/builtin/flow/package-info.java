/**
 * Modules that steer the play and its variables from the control machine, as Ansible's built-in
 * utilities: {@code assert}, {@code debug}, {@code fail}, {@code set_fact}, {@code include_vars},
 * {@code meta}; and {@code ping}, the one that only checks the host answers.
 */
package io.ringmaster.builtin.flow;
