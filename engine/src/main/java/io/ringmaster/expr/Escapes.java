package io.ringmaster.expr;

/** The {@code $$} escape: a literal dollar sign, for the remote shell's own variables. */
final class Escapes {
    private Escapes() {}

    static String apply(String text) {
        return text.contains("$$") ? text.replace("$$", "#[[$]]#") : text;
    }
}
