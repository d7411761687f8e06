/**
 * Modules that run on the control machine only and never touch the host: {@code assert}, {@code
 * debug}, {@code set_fact} and {@code fail}, as in Ansible.
 */
package io.ringmaster.modules.util;
