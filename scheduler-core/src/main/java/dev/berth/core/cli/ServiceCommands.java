package dev.berth.core.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.core.json.BerthJson;
import dev.berth.core.pkg.Options;
import dev.berth.core.protocol.ServiceRequests;
import dev.berth.core.protocol.ServiceViews;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The service commands: install, uninstall, services, update, endpoints, secret (plans, pods and packages have their own). */
public final class ServiceCommands {
    private ServiceCommands() {
    }

    static JsonNode readOptionsFile(Path file) {
        if (file == null) {
            return null;
        }
        try {
            return BerthJson.mapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("--options: cannot read " + file + " as JSON: " + e.getMessage());
        }
    }

    @Command(name = "install", description = "Installs a package as a service and starts its deploy plan.")
    public static class Install implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Parameters(index = "0", description = "the package, e.g. hello")
        String packageName;

        @Option(names = "--name", description = "the service name (default: the package name)")
        String name;

        @Option(names = "--set", description = "an option, KEY=VALUE (repeatable), e.g. --set hello.count=5")
        List<String> set = new ArrayList<>();

        @Option(names = "--options", description = "a JSON file of options")
        Path optionsFile;

        @Override
        public Integer call() {
            ServiceViews.Installed r = options.client().services().install(new ServiceRequests.InstallRequest(
                    name, packageName, Options.assignments(set), readOptionsFile(optionsFile)));
            if (options.json()) {
                ClientOptions.printJson(r);
            } else {
                System.out.println("installed " + r.name() + " (package " + r.packageName() + " " + r.packageVersion()
                        + ", config " + r.configId() + "); watch it with: berth plan show " + r.name() + " deploy --watch");
            }
            return 0;
        }
    }

    @Command(name = "uninstall", description = "Uninstalls a service: kills its tasks, destroys its volumes, unreserves its resources.")
    public static class Uninstall implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Parameters(index = "0", description = "the service")
        String service;

        @Option(names = "--no-wait", description = "return at once instead of waiting until everything is released")
        boolean noWait;

        @Override
        public Integer call() throws InterruptedException {
            options.client().services().uninstall(service);
            if (!noWait) {
                while (options.client().services().list().stream().anyMatch(s -> s.name().equals(service))) {
                    Thread.sleep(1000);
                }
            }
            if (options.json()) {
                ClientOptions.printJson(Map.of("service", service, "state", noWait ? "uninstalling" : "uninstalled"));
            } else {
                System.out.println(noWait ? "uninstalling " + service : "uninstalled " + service);
            }
            return 0;
        }
    }

    @Command(name = "services", description = "Lists the installed services and the state of their plans.")
    public static class Services implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Override
        public Integer call() {
            List<ServiceViews.ServiceRow> rows = options.client().services().list();
            options.print(rows, new Table("NAME", "PACKAGE", "VERSION", "CONFIG", "PLANS"), r -> new Object[] {r.name(), r.packageName(), r.packageVersion(), r.configId(), r.plans()});
            return 0;
        }
    }

    @Command(name = "update", description = "Changes a service's options; its update plan rolls the pods. 'update status SVC' shows it.")
    public static class Update implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Parameters(index = "0", description = "the service, or 'status'")
        String service;

        @Parameters(index = "1", arity = "0..1", description = "with 'status': the service")
        String statusOf;

        @Option(names = "--set", description = "an option, KEY=VALUE (repeatable)")
        List<String> set = new ArrayList<>();

        @Option(names = "--options", description = "a JSON file of options")
        Path optionsFile;

        @Override
        public Integer call() {
            if (service.equals("status") && statusOf != null) {
                return new PlanCommand.Show().show(options, statusOf, "update", false);
            }
            ServiceViews.Installed r = options.client().services().update(service,
                    new ServiceRequests.UpdateRequest(Options.assignments(set), readOptionsFile(optionsFile)));
            if (options.json()) {
                ClientOptions.printJson(r);
            } else {
                System.out.println("updating " + service + " to config " + r.configId()
                        + "; watch it with: berth update status " + service);
            }
            return 0;
        }
    }

    @Command(name = "endpoints", description = "Lists a service's endpoints, or prints one as host:port,host:port (a TLS service's 'ca': the CA certificate in PEM).")
    public static class EndpointsCmd implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Parameters(index = "0", description = "the service")
        String service;

        @Parameters(index = "1", arity = "0..1", description = "an endpoint name")
        String name;

        @Override
        public Integer call() {
            if (name != null) {
                ServiceViews.EndpointView e = options.client().services().endpoint(service, name);
                if (options.json()) {
                    ClientOptions.printJson(e);
                } else if (!e.certificate().isEmpty()) {
                    System.out.print(e.certificate()); // PEM, as a client's trust file wants it: berth endpoints SVC ca > ca.pem
                } else {
                    System.out.println(e.joined());
                }
                return 0;
            }
            Map<String, List<String>> all = options.client().services().endpoints(service);
            if (options.json()) {
                ClientOptions.printJson(all);
                return 0;
            }
            Table t = new Table("ENDPOINT", "ADDRESSES");
            all.forEach((k, v) -> t.row(k, !v.isEmpty() ? String.join(",", v)
                    : "(a certificate: berth endpoints " + service + " " + k + ")"));
            t.print(System.out);
            return 0;
        }
    }

    @Command(name = "secret", description = "Lists a service's secrets (name, what for, fingerprint), or prints one's value.")
    public static class SecretCmd implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Parameters(index = "0", description = "the service")
        String service;

        @Parameters(index = "1", arity = "0..1", description = "a secret's name: prints its value alone, for scripts")
        String name;

        @picocli.CommandLine.Option(names = "--set-from", paramLabel = "FILE", description = "sets the secret NAME (one "
                + "its package leaves to an operator, such as a store's access key) to the content of FILE ('-': standard "
                + "input), without its last line break; never given on the command line, where other users could read it")
        String setFrom;

        @Override
        public Integer call() throws java.io.IOException {
            if (setFrom != null) {
                if (name == null) {
                    throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                            "--set-from needs the secret's name: berth secret SVC NAME --set-from FILE");
                }
                byte[] raw = setFrom.equals("-") ? System.in.readAllBytes() : java.nio.file.Files.readAllBytes(java.nio.file.Path.of(setFrom));
                String value = new String(raw, java.nio.charset.StandardCharsets.UTF_8).replaceFirst("\\r?\\n$", "");
                ServiceViews.SecretInfo set = options.client().services().setSecret(service, name, value);
                if (options.json()) {
                    ClientOptions.printJson(set);
                } else {
                    System.out.println("set secret " + set.name() + " of " + service + " (fingerprint " + set.fingerprint() + ")");
                }
                return 0;
            }
            if (name != null) {
                ServiceViews.SecretValue v = options.client().services().secret(service, name);
                if (options.json()) {
                    ClientOptions.printJson(v);
                } else {
                    System.out.println(v.value());
                }
                return 0;
            }
            List<ServiceViews.SecretInfo> all = options.client().services().secrets(service);
            if (options.json()) {
                ClientOptions.printJson(all);
                return 0;
            }
            Table t = new Table("SECRET", "FINGERPRINT", "DESCRIPTION");
            all.forEach(s -> t.row(s.name(), s.fingerprint(), s.description()));
            t.print(System.out);
            return 0;
        }
    }
}
