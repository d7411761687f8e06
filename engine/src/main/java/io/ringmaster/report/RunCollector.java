package io.ringmaster.report;

import io.ringmaster.event.RunEvent;
import io.ringmaster.event.RunEvent.HostDone;
import io.ringmaster.event.RunEvent.PlayStarted;
import io.ringmaster.event.RunEvent.PlaybookStarted;
import io.ringmaster.event.RunEvent.RunFinished;
import io.ringmaster.event.RunEvent.TaskStarted;
import io.ringmaster.event.TaskResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds a {@link RunLog} from events. A result is filed under the latest task of the current play
 * with its role and name (so results of interleaved tasks land in the right place); a result with
 * no such task, or arriving before any play, gets a task (and a nameless play) of its own.
 */
final class RunCollector {
    private final List<String> playbooks = new ArrayList<>();
    private boolean checkMode;
    private boolean diffMode;
    private final List<PlayBuilder> plays = new ArrayList<>();

    /** Takes in one event; returns the finished run on {@link RunFinished}, null otherwise. */
    RunLog accept(RunEvent event) {
        if (event instanceof PlaybookStarted e) {
            if (e.file() != null) {
                playbooks.add(e.file().toString());
            }
            checkMode = e.checkMode();
            diffMode = e.diffMode();
        } else if (event instanceof PlayStarted e) {
            plays.add(
                    new PlayBuilder(
                            Objects.toString(e.name(), ""),
                            e.hosts() == null ? List.of() : e.hosts()));
        } else if (event instanceof TaskStarted e) {
            currentPlay().tasks.add(new TaskBuilder(e));
        } else if (event instanceof HostDone e) {
            taskFor(e).results.add(e.result());
        } else if (event instanceof RunFinished e) {
            return new RunLog(
                    playbooks.isEmpty() ? null : String.join(", ", playbooks),
                    List.copyOf(playbooks),
                    checkMode,
                    diffMode,
                    plays.stream().map(PlayBuilder::build).toList(),
                    e.stats(),
                    e.duration(),
                    e.interrupted());
        }
        return null;
    }

    private PlayBuilder currentPlay() {
        if (plays.isEmpty()) {
            plays.add(new PlayBuilder("", List.of()));
        }
        return plays.get(plays.size() - 1);
    }

    private TaskBuilder taskFor(HostDone e) {
        List<TaskBuilder> tasks = currentPlay().tasks;
        for (int i = tasks.size() - 1; i >= 0; i--) {
            TaskStarted t = tasks.get(i).started;
            if (Objects.equals(t.name(), e.task()) && Objects.equals(t.role(), e.role())) {
                return tasks.get(i);
            }
        }
        TaskBuilder t =
                new TaskBuilder(new TaskStarted(e.task(), e.module(), e.role(), null, false));
        tasks.add(t);
        return t;
    }

    private static final class PlayBuilder {
        final String name;
        final List<String> hosts;
        final List<TaskBuilder> tasks = new ArrayList<>();

        PlayBuilder(String name, List<String> hosts) {
            this.name = name;
            this.hosts = List.copyOf(hosts);
        }

        RunLog.Play build() {
            return new RunLog.Play(name, hosts, tasks.stream().map(TaskBuilder::build).toList());
        }
    }

    private static final class TaskBuilder {
        final TaskStarted started;
        final List<TaskResult> results = new ArrayList<>();

        TaskBuilder(TaskStarted started) {
            this.started = started;
        }

        RunLog.Task build() {
            return new RunLog.Task(
                    started.name(),
                    started.module(),
                    started.role(),
                    started.path(),
                    started.handler(),
                    List.copyOf(results));
        }
    }
}
