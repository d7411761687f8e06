package io.ringmaster.playbook;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the loader remembers while reading one play: where roles are searched, which roles already
 * ran (a role used twice with the same parameters runs once), the files and roles being expanded
 * (to report cycles) and the handlers that roles contribute.
 */
final class PlayState {
    final Path playDir;
    final List<Path> roleSearchPath;
    final Set<String> rolesRun = new HashSet<>();
    final Deque<Path> roleStack = new ArrayDeque<>();
    final Deque<Path> includeStack = new ArrayDeque<>();
    final List<Task> roleHandlers = new ArrayList<>();
    final Set<Path> handlerFilesRead = new HashSet<>();

    PlayState(Path playFile, List<Path> roleSearchPath) {
        this.playDir = playFile.getParent();
        this.roleSearchPath = List.copyOf(roleSearchPath);
        includeStack.push(playFile);
    }
}
