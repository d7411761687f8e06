/** Modules that manage the operating system: sysctl, service, package, reboot, wait_for. */
package io.ringmaster.builtin.system;
