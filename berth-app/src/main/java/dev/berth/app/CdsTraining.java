package dev.berth.app;

import com.sun.net.httpserver.HttpServer;
import dev.berth.core.access.Credentials;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The training run of the launcher's class-data sharing archive (run with {@code -XX:ArchiveClassesAtExit}):
 * it loads what client commands load, so that they find those classes in the archive, parsed and verified
 * already. It runs typical commands against a stand-in master on loopback that answers every call with an
 * empty list or object. What the commands print is dropped; the stand-in's answers need not make sense to them.
 */
final class CdsTraining {
    /** The system property that asks {@code berth} for this run instead of a command. */
    static final String PROPERTY = "berth.cds-training";

    private CdsTraining() {
    }

    static boolean requested() {
        return Boolean.getBoolean(PROPERTY);
    }

    static void run() throws IOException {
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        HttpServer master = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        master.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body = (path.endsWith("s") ? "[]" : "{}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        master.start();
        Path dir = Files.createTempDirectory("berth-cds-training");
        Path credentials = dir.resolve("credentials");
        try {
            new Credentials("training", "berth_training", List.of()).write(credentials);
            System.setOut(nowhere);
            System.setErr(nowhere);
            String url = "http://127.0.0.1:" + master.getAddress().getPort();
            for (List<String> command : commands()) {
                List<String> args = new ArrayList<>(command);
                if (!command.contains("--help")) {
                    args.addAll(List.of("--master", url, "--credentials", credentials.toString()));
                }
                ClientLaunch.run(args.toArray(String[]::new));
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
            master.stop(0);
            Files.deleteIfExists(credentials);
            Files.deleteIfExists(dir);
        }
    }

    private static List<List<String>> commands() {
        return List.of(List.of("--help"), List.of("agents"), List.of("tasks", "-o", "json"), List.of("services"),
                List.of("plan", "show", "training"), List.of("plan", "show", "training", "deploy"),
                List.of("endpoints", "training"), List.of("endpoints", "training", "native-client"),
                List.of("cassandra", "cql", "training", "SELECT 1"));
    }
}
