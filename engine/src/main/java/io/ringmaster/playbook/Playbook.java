package io.ringmaster.playbook;

import java.nio.file.Path;
import java.util.List;

/**
 * A loaded playbook: its plays in order, with {@code import_playbook} already expanded.
 *
 * @param file the playbook file as given
 * @param plays every play, imported ones in place
 */
public record Playbook(Path file, List<Play> plays) {
    public Playbook {
        plays = List.copyOf(plays);
    }
}
