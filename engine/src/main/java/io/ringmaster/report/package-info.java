/**
 * Run reports: the ansible-playbook-shaped console output, a JSON document and JUnit XML for CI
 * servers.
 *
 * <p>Every report is a {@link io.ringmaster.event.RunListener} built from {@link
 * io.ringmaster.event.RunEvent}s alone; this package depends on nothing else of Ringmaster. The
 * console reporter writes to the stream it is given, never to {@code System.out} directly; the file
 * reporters write their file atomically when the run finishes.
 */
package io.ringmaster.report;
