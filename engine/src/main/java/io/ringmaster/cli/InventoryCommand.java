package io.ringmaster.cli;

import io.ringmaster.error.UserError;
import io.ringmaster.inventory.Inventory;
import io.ringmaster.inventory.InventoryGraph;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ringmaster inventory -i INV --graph [--vars] | --list [--yaml] [--export] [--output F] |
 * --host H}: shows what was understood of an inventory, as ansible-inventory does (a host that does
 * not exist: exit 5, as there).
 */
@Command(
        name = "inventory",
        mixinStandardHelpOptions = true,
        description = "Show an inventory as Ringmaster understands it (like ansible-inventory).")
public final class InventoryCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
            names = {"-i", "--inventory"},
            required = true,
            paramLabel = "INVENTORY",
            description = "Inventory file, directory or comma-separated host list (repeatable).")
    List<String> inventories;

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    static final class What {
        @Option(
                names = "--graph",
                arity = "0..1",
                fallbackValue = "all",
                paramLabel = "GROUP",
                description = "Show the group tree (from GROUP, default all).")
        String graph;

        @Option(
                names = "--list",
                description = "Show every group and host with variables, as JSON.")
        boolean list;

        @Option(
                names = "--host",
                paramLabel = "HOST",
                description = "Show one host's merged variables, as JSON.")
        String host;
    }

    @Option(names = "--vars", description = "With --graph: show each host's and group's variables.")
    boolean vars;

    @Option(
            names = {"-y", "--yaml"},
            description = "With --list or --host: YAML instead of JSON.")
    boolean yaml;

    @Option(
            names = "--export",
            description = "With --list: group variables under their groups, hosts' own only.")
    boolean export;

    @Option(
            names = "--output",
            paramLabel = "FILE",
            description = "With --list: write to FILE instead of the screen.")
    java.nio.file.Path output;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            Inventory inv = Inventory.load(inventories);
            String text;
            if (what.graph != null) {
                if (!inv.groups().containsKey(what.graph)) {
                    throw new UserError(
                            null,
                            "no group named '"
                                    + what.graph
                                    + "' in the inventory"
                                    + io.ringmaster.error.DidYouMean.suffix(
                                            what.graph, inv.groups().keySet()));
                }
                text =
                        io.ringmaster.report.Visible.of(
                                vars
                                        ? InventoryViews.graphWithVars(inv, what.graph)
                                        : InventoryGraph.graph(inv, what.graph));
            } else if (what.list) {
                text = list(inv);
            } else {
                if (inv.host(what.host).isEmpty()) {
                    spec.commandLine()
                            .getErr()
                            .println(
                                    "ERROR! no host named '"
                                            + what.host
                                            + "' in the inventory"
                                            + io.ringmaster.error.DidYouMean.suffix(
                                                    what.host,
                                                    inv.hosts().stream()
                                                            .map(io.ringmaster.inventory.Host::name)
                                                            .toList()));
                    return ExitCodes.BAD_OPTIONS;
                }
                Map<String, Object> hv = new java.util.TreeMap<>(inv.varsFor(what.host));
                text =
                        yaml
                                ? InventoryViews.yaml(hv).stripTrailing()
                                : io.ringmaster.report.Json.indented(hv, 2);
            }
            if (output != null && what.list) {
                java.nio.file.Files.writeString(output, text + "\n");
            } else {
                out.println(text);
            }
            out.flush();
            return ExitCodes.OK;
        } catch (UserError e) {
            spec.commandLine()
                    .getErr()
                    .println("ERROR! " + io.ringmaster.report.Visible.of(e.getMessage()));
            return ExitCodes.PLAYBOOK_ERROR;
        } catch (java.io.IOException e) {
            spec.commandLine()
                    .getErr()
                    .println("ERROR! cannot write --output " + output + ": " + e.getMessage());
            return ExitCodes.BAD_OPTIONS;
        }
    }

    private String list(Inventory inv) {
        if (yaml) {
            return InventoryViews.yaml(InventoryViews.yamlTree(inv, export)).stripTrailing();
        }
        Map<String, Object> list = InventoryGraph.list(inv);
        return io.ringmaster.report.Json.indented(
                export ? InventoryViews.export(inv, list) : list, 2);
    }
}
