package dev.berth.core.cli;

import dev.berth.core.access.ClusterSecret;
import dev.berth.core.access.Credentials;
import dev.berth.core.access.Tokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth credentials create NAME --out FILE}: a new credentials file with a fresh token, made without
 * a master, for the first admin of a cluster of {@code berth master}s ({@code --admin-credentials FILE}).
 */
@Command(name = "credentials", description = "Makes a credentials file with a new token, without a master.",
        subcommands = {CredentialsCommand.Create.class, CredentialsCommand.NewClusterSecret.class})
public class CredentialsCommand {
    @Command(name = "cluster-secret", description = "Writes a new cluster secret (owner-only) for the masters'"
            + " --cluster-secret: their ZooKeeper identity and the key of services' secrets.")
    public static class NewClusterSecret implements Callable<Integer> {
        @Option(names = "--out", required = true, description = "the file to write; an existing one is not replaced")
        Path out;

        @Override
        public Integer call() {
            if (Files.exists(out)) {
                throw new IllegalArgumentException("--out: " + out + " exists; not replaced (the cluster's state is sealed with it)");
            }
            ClusterSecret.create(out);
            System.out.println("cluster secret written to " + out + " (owner-only); give it to every master, keep a copy safe");
            return 0;
        }
    }

    @Command(name = "create", description = "Writes a credentials file (owner-only) for PRINCIPAL with a new token.")
    public static class Create implements Callable<Integer> {
        @Parameters(index = "0", description = "the principal, e.g. admin")
        String principal;

        @Option(names = "--out", required = true, description = "the file to write; an existing one is not replaced")
        Path out;

        @Option(names = "--master", split = ",", description = "master API URL(s) to record in the file")
        List<String> masters = new ArrayList<>();

        @Override
        public Integer call() {
            if (Files.exists(out)) {
                throw new IllegalArgumentException("--out: " + out + " exists; not replaced (its token may be in use)");
            }
            new Credentials(principal, Tokens.newToken(), masters).write(out);
            System.out.println("credentials for " + principal + " written to " + out + " (owner-only)");
            return 0;
        }
    }
}
