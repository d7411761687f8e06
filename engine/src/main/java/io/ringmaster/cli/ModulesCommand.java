package io.ringmaster.cli;

import io.ringmaster.error.DidYouMean;
import io.ringmaster.executor.ModuleRegistry;
import io.ringmaster.module.api.Module;
import io.ringmaster.module.api.Param;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ringmaster modules [NAME]}: lists the modules, or one module's parameters. */
@Command(
        name = "modules",
        mixinStandardHelpOptions = true,
        description = "List modules and their parameters.")
public final class ModulesCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
            arity = "0..1",
            paramLabel = "MODULE",
            description = "Show this module's parameters.")
    String name;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ModuleRegistry registry = ModuleRegistry.discover();
        if (name == null) {
            for (Module m : registry.all()) {
                out.printf("%-14s %s%n", m.name(), m.description());
                out.printf("%-14s   %s%n", "", params(m));
            }
            return ExitCodes.OK;
        }
        Module m = registry.find(name).orElse(null);
        if (m == null) {
            spec.commandLine()
                    .getErr()
                    .println(
                            "ERROR! unknown module '"
                                    + name
                                    + "'"
                                    + DidYouMean.suffix(name, registry.names())
                                    + "\n  hint: run `ringmaster modules` to list them");
            return ExitCodes.BAD_OPTIONS;
        }
        out.println(m.name() + ": " + m.description());
        out.println(
                "check mode: "
                        + (m.supportsCheckMode()
                                ? "supported"
                                : "not supported (skipped under --check)"));
        m.freeFormParam().ifPresent(p -> out.println("free form: " + p));
        for (Param p : m.params()) {
            out.printf(
                    "  %-20s %-10s %s%s%s%s%n",
                    p.name(),
                    p.type().name().toLowerCase(),
                    p.required() ? "required. " : "",
                    p.description(),
                    p.defaultValue() != null ? " [default: " + p.defaultValue() + "]" : "",
                    p.choices().isEmpty() ? "" : " " + p.choices());
        }
        return ExitCodes.OK;
    }

    private static String params(Module m) {
        StringBuilder sb = new StringBuilder();
        for (Param p : m.params()) {
            sb.append(sb.length() == 0 ? "" : ", ")
                    .append(p.name())
                    .append(p.required() ? "*" : "");
        }
        return sb.toString();
    }
}
