package dev.berth.cassandra.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.core.cli.ClientOptions;
import dev.berth.core.cli.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code berth backup list|describe}: a Cassandra service's backups, as its package reads them from the
 * service's store ({@code GET /v1/services/SVC/package/backups[/NAME]}). Backups are made and restored by
 * plans: {@code berth plan start SVC backup -p name=NAME}.
 */
@Command(name = "backup", description = "Lists a service's backups and shows their manifests.",
        subcommands = {BackupCommand.ListBackups.class, BackupCommand.Describe.class})
public class BackupCommand {
    @Command(name = "list", description = "Lists the service's backups: name, status, time, nodes, files and bytes.")
    public static class ListBackups implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Parameters(index = "0", description = "the service")
        String service;

        @Override
        public Integer call() {
            List<JsonNode> rows = new ArrayList<>();
            options.client().services().packageView(service, "backups", Optional.empty()).forEach(rows::add);
            options.print(rows, new Table("NAME", "STATUS", "CREATED", "NODES", "FILES", "BYTES", "UPLOADED", "KEYSPACES"),
                    r -> new Object[] {r.path("name").asText(), r.path("status").asText(),
                            r.path("created").isTextual() ? r.path("created").asText() : "-", r.path("nodes").asInt(),
                            r.path("files").asLong(), r.path("bytes").asLong(), r.path("bytesUploaded").asLong(),
                            text(r.path("keyspaces"))});
            return 0;
        }
    }

    @Command(name = "describe", description = "Shows a backup's manifest: its nodes with tokens and racks, keyspaces and files.")
    public static class Describe implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Parameters(index = "0", description = "the service")
        String service;

        @Parameters(index = "1", description = "the backup's name")
        String name;

        @Override
        public Integer call() {
            JsonNode m = options.client().services().packageView(service, "backups", Optional.of(name));
            if (options.json()) {
                ClientOptions.printJson(m);
                return 0;
            }
            System.out.printf("backup %s of service %s (cluster %s), made %s%n", m.path("name").asText(),
                    m.path("service").asText(), m.path("cluster").asText(), m.path("created").asText());
            Table nodes = new Table("NODE", "ADDRESS", "DATACENTER", "RACK", "VERSION", "TOKENS", "FILES", "BYTES", "UPLOADED");
            for (JsonNode n : m.path("nodes")) {
                JsonNode f = n.path("node");
                long bytes = 0;
                for (JsonNode file : n.path("files")) {
                    bytes += file.path("size").asLong();
                }
                nodes.row(f.path("instance").asText(), f.path("ip").asText(), f.path("datacenter").asText(), f.path("rack").asText(),
                        f.path("version").asText(), f.path("tokens").size(), n.path("files").size(), bytes,
                        n.path("bytesUploaded").asLong());
            }
            nodes.print(System.out);
            System.out.println("keyspaces: " + text(fieldNames(m.path("schema"))));
            return 0;
        }
    }

    private static JsonNode fieldNames(JsonNode object) {
        com.fasterxml.jackson.databind.node.ArrayNode out = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static String text(JsonNode array) {
        StringBuilder b = new StringBuilder();
        for (JsonNode v : array) {
            b.append(b.length() == 0 ? "" : ",").append(v.asText());
        }
        return b.isEmpty() ? "-" : b.toString();
    }
}
