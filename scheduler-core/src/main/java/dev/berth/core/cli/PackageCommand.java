package dev.berth.core.cli;

import dev.berth.core.protocol.ServiceViews;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code berth package list|describe}: the packages that can be installed, and their options. */
@Command(name = "package", description = "Lists packages, or describes one and its options.",
        subcommands = {PackageCommand.ListPackages.class, PackageCommand.Describe.class})
public class PackageCommand {
    @Command(name = "list", description = "Lists the packages that can be installed.")
    public static class ListPackages implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Override
        public Integer call() {
            List<ServiceViews.PackageView> rows = options.client().packages().list();
            options.print(rows, new Table("NAME", "VERSION", "DESCRIPTION"), r -> new Object[] {r.name(), r.version(), r.description()});
            return 0;
        }
    }

    @Command(name = "describe", description = "Shows a package's options: type, default, what is allowed.")
    public static class Describe implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Parameters(index = "0")
        String name;

        @Override
        public Integer call() {
            ServiceViews.PackageView p = options.client().packages().describe(name);
            if (options.json()) {
                ClientOptions.printJson(p);
                return 0;
            }
            System.out.println(p.name() + " " + p.version() + ": " + p.description());
            Table t = new Table("OPTION", "TYPE", "DEFAULT", "ALLOWED", "DESCRIPTION");
            p.options().forEach(o -> t.row(o.key(), o.type(), o.defaultValue(), o.allowed(), o.description()));
            t.print(System.out);
            return 0;
        }
    }
}
