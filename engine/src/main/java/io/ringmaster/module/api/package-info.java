/**
 * The module API: the only engine package that {@code modules/} may import. It depends on nothing
 * else of the engine, so modules and the engine never form a cycle.
 */
package io.ringmaster.module.api;
