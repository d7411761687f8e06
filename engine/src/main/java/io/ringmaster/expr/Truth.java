package io.ringmaster.expr;

import java.util.Locale;
import java.util.Optional;

/**
 * The words that mean true and false, as Ansible's {@code boolean()} reads them: {@code
 * yes/true/on/1/y} and {@code no/false/off/0/n}, any case. A module's boolean parameter and a
 * condition that is just such a word ({@code when: "on"}) use this one definition.
 */
public final class Truth {
    private Truth() {}

    /** The boolean a word stands for; empty for any other text. */
    public static Optional<Boolean> ofWord(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "yes", "true", "on", "1", "y" -> Optional.of(true);
            case "no", "false", "off", "0", "n" -> Optional.of(false);
            default -> Optional.empty();
        };
    }
}
