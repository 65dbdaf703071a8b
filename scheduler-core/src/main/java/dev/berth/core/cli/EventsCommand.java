package dev.berth.core.cli;

import dev.berth.core.events.ClusterEvent;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code berth events [--service S] [--kind K] [-f]}: what changed in the cluster, and live with --follow. */
@Command(name = "events", description = "Lists what changed in the cluster (agents, tasks, plans, steps, services),"
        + " oldest first; with --follow, keeps printing new events as they happen.")
public class EventsCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    @Mixin
    ClientOptions options;

    @Option(names = "--service", paramLabel = "SERVICE", description = "only the events of this service")
    String service;

    @Option(names = "--kind", paramLabel = "KIND", description = "only events of this kind (step.status) or family (step)")
    String kind;

    @Option(names = {"-f", "--follow"}, description = "keep printing events as they happen (Ctrl-C stops)")
    boolean follow;

    @Override
    public Integer call() {
        Optional<String> s = Optional.ofNullable(service);
        Optional<String> k = Optional.ofNullable(kind);
        if (!follow) {
            List<ClusterEvent> events = options.client().cluster().events(s, k);
            options.print(events, header(), EventsCommand::cells);
            return 0;
        }
        boolean json = options.json();
        if (!json) {
            System.out.println(line("TIME", "KIND", "SERVICE", "SUBJECT", "MESSAGE"));
        }
        // one line per event as it comes: a table cannot size its columns for events not yet seen
        options.client().cluster().followEvents(s, k, e -> {
            if (json) {
                ClientOptions.printJsonLine(e);
            } else {
                Object[] c = cells(e);
                System.out.println(line(c));
            }
            System.out.flush();
        });
        return 0;
    }

    /** A row of fixed widths, as wide as most events need; a longer cell pushes the rest of its line. */
    private static String line(Object... c) {
        return String.format("%-12s  %-19s  %-12s  %-28s  %s", c);
    }

    private static Table header() {
        return new Table("TIME", "KIND", "SERVICE", "SUBJECT", "MESSAGE");
    }

    private static Object[] cells(ClusterEvent e) {
        return new Object[] {TIME.format(e.time()), e.kind(), e.service().orElse("-"), e.subject(), e.message()};
    }
}
