package io.ringmaster.parse;

import io.ringmaster.error.Position;
import java.util.List;

/** A YAML list. */
public record YSeq(List<YNode> items, Position position) implements YNode {
    public YSeq {
        items = List.copyOf(items);
    }

    @Override
    public String describe() {
        return "a list";
    }
}
