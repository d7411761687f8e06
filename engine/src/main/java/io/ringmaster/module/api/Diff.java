package io.ringmaster.module.api;

/** A before/after pair shown under {@code --diff}; {@code unified} is the rendered unified diff. */
public record Diff(
        String beforeHeader, String afterHeader, String before, String after, String unified) {}
