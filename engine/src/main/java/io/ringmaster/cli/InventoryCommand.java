package io.ringmaster.cli;

import io.ringmaster.error.UserError;
import io.ringmaster.inventory.Inventory;
import io.ringmaster.inventory.InventoryGraph;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ringmaster inventory -i INV --graph|--list|--host H}: shows what was understood of an inventory. */
@Command(name = "inventory", mixinStandardHelpOptions = true,
        description = "Show an inventory as Ringmaster understands it (like ansible-inventory).")
public final class InventoryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-i", "--inventory"}, required = true, paramLabel = "INVENTORY",
            description = "Inventory file, directory or comma-separated host list (repeatable).")
    List<String> inventories;

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    static final class What {
        @Option(names = "--graph", arity = "0..1", fallbackValue = "all", paramLabel = "GROUP",
                description = "Show the group tree (from GROUP, default all).")
        String graph;

        @Option(names = "--list", description = "Show every group and host with variables, as JSON.")
        boolean list;

        @Option(names = "--host", paramLabel = "HOST", description = "Show one host's merged variables, as JSON.")
        String host;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            Inventory inv = Inventory.load(inventories);
            if (what.graph != null) {
                if (!inv.groups().containsKey(what.graph)) {
                    throw new UserError(null, "no group named '" + what.graph + "' in the inventory"
                            + io.ringmaster.error.DidYouMean.suffix(what.graph, inv.groups().keySet()));
                }
                out.print(io.ringmaster.report.Visible.of(InventoryGraph.graph(inv, what.graph)));
            } else if (what.list) {
                out.println(io.ringmaster.report.Json.indented(InventoryGraph.list(inv), 2));
            } else {
                if (inv.host(what.host).isEmpty()) {
                    throw new UserError(null, "no host named '" + what.host + "' in the inventory");
                }
                out.println(io.ringmaster.report.Json.indented(inv.varsFor(what.host), 2));
            }
            out.flush();
            return ExitCodes.OK;
        } catch (UserError e) {
            spec.commandLine().getErr().println("ERROR! " + io.ringmaster.report.Visible.of(e.getMessage()));
            return ExitCodes.PLAYBOOK_ERROR;
        }
    }
}
