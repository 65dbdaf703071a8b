package dev.berth.core.cli;

import dev.berth.core.access.Credentials;
import dev.berth.core.client.BerthClient;
import dev.berth.core.http.BearerToken;
import dev.berth.core.json.BerthJson;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options every client command shares: where the master is, who the caller is, and how to print. */
public class ClientOptions {
    @Option(names = "--master", description = "master API URL(s), comma separated (default: $BERTH_MASTER, else the"
            + " credentials' masters, else http://127.0.0.1:8080)")
    String master;

    @Option(names = "--credentials", description = "credentials file (default: $BERTH_CREDENTIALS, else"
            + " ./berth-data/credentials as berth up writes it, else ~/.berth/credentials)")
    java.nio.file.Path credentials;

    @Option(names = {"-o", "--output"}, description = "table (default) or json")
    String output = "table";

    private BerthClient client;

    /** The client of the masters named; one per command, so that it keeps asking the leader it found. */
    public BerthClient client() {
        if (client == null) {
            Credentials found = Credentials.find(Optional.ofNullable(credentials), System.getenv(), Path.of(""),
                    Path.of(System.getProperty("user.home"))).orElseThrow(() -> new IllegalArgumentException(
                    "credentials: none found; run the CLI in the folder where 'berth up' runs (it writes"
                            + " berth-data/credentials), or give --credentials FILE or set $" + Credentials.ENV));
            String urls = master != null ? master : System.getenv().getOrDefault("BERTH_MASTER",
                    found.masters().isEmpty() ? "http://127.0.0.1:8080" : String.join(",", found.masters()));
            client = new BerthClient(Arrays.stream(urls.split(",")).map(String::trim).toList(),
                    BearerToken.of(found.token()));
        }
        return client;
    }

    public boolean json() {
        if (!output.equals("json") && !output.equals("table")) {
            throw new IllegalArgumentException("output: '" + output + "' is not valid; expected table or json");
        }
        return output.equals("json");
    }

    /** Prints rows as JSON with {@code -o json}, else as the table, one row per item. */
    public <T> void print(java.util.List<T> rows, Table table, java.util.function.Function<T, Object[]> cells) {
        if (json()) {
            printJson(rows);
            return;
        }
        rows.forEach(r -> table.row(cells.apply(r)));
        table.print(System.out);
    }

    /** One value as JSON on one line: a stream of them reads as JSON Lines. */
    public static void printJsonLine(Object value) {
        try {
            System.out.println(BerthJson.mapper().writeValueAsString(value));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static void printJson(Object value) {
        try {
            System.out.println(BerthJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
