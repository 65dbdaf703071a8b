package dev.berth.cassandra.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ColumnDefinition;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.berth.cassandra.CqlSessions;
import dev.berth.core.cli.ClientOptions;
import dev.berth.core.cli.Table;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code berth cassandra cql SVC STATEMENT...}: runs CQL statements on a service's nodes, logged in as
 * its superuser with the service's password when authentication is on, and prints what they return.
 * The contact points, data center and login come from the master, so nothing is typed twice.
 */
@Command(name = "cql", description = "Runs CQL statements on a Cassandra service as its superuser and prints the rows.")
public class CqlCommand implements Callable<Integer> {
    /** A person waits for this; schema changes on two shared cores can take seconds. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Mixin
    ClientOptions options;

    @Parameters(index = "0", description = "the service, e.g. cassandra")
    String service;

    @Parameters(index = "1..*", arity = "1..*", description = "CQL statements, each one argument, run in order")
    List<String> statements = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        CqlTarget target = CqlTarget.of(options.client().services(), service);
        List<Map<String, Object>> results = new ArrayList<>();
        try (CqlSession session = CqlSessions.openOnOneNode(target.contactPoints(), target.datacenter(), target.login(), target.trustedCa(),
                TIMEOUT)) {
            for (String statement : statements) {
                ResultSet rs = session.execute(statement.strip().replaceAll(";+$", ""));
                rs.getExecutionInfo().getWarnings().forEach(w -> System.err.println("warning: " + w));
                List<String> columns = new ArrayList<>();
                for (ColumnDefinition c : rs.getColumnDefinitions()) {
                    columns.add(c.getName().asCql(true));
                }
                if (columns.isEmpty()) {
                    // it may have changed the schema: as cqlsh does, wait until every node agrees on it, so that
                    // the next statement, on any coordinator, sees the new table (cheap when nothing changed)
                    CqlSessions.awaitSchemaAgreement(session, TIMEOUT);
                }
                List<Map<String, Object>> rows = new ArrayList<>();
                for (Row row : rs) {
                    Map<String, Object> values = new LinkedHashMap<>();
                    for (int i = 0; i < columns.size(); i++) {
                        Object v = row.getObject(i);
                        values.put(columns.get(i), v == null ? null : v.toString());
                    }
                    rows.add(values);
                }
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("statement", statement);
                result.put("rows", rows);
                results.add(result);
                if (!options.json()) {
                    print(columns, rows);
                }
            }
        }
        if (options.json()) {
            ClientOptions.printJson(results);
        }
        return 0;
    }

    /** A statement's rows as a table, or OK for one that returns none (a schema change, an insert). */
    private static void print(List<String> columns, List<Map<String, Object>> rows) {
        if (columns.isEmpty()) {
            System.out.println("OK");
            return;
        }
        Table t = new Table(columns.toArray(String[]::new));
        for (Map<String, Object> row : rows) {
            t.row(row.values().stream().map(v -> v == null ? "null" : v).toArray());
        }
        t.print(System.out);
        System.out.println("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
    }
}
