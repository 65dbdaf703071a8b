package dev.berth.core.cli;

import dev.berth.core.access.Credentials;
import dev.berth.core.client.AccessClient;
import dev.berth.core.protocol.AccessViews;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth whoami}, {@code berth principal list|create|token|delete} and {@code berth acl
 * list|grant|revoke}: who may do what. A new token is written to a credentials file (owner-only) when
 * {@code --out} is given, else printed once.
 */
public final class AccessCommand {
    private AccessCommand() {
    }

    @Command(name = "whoami", description = "Shows the caller's principal and what it may do.")
    public static class WhoAmI implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Override
        public Integer call() {
            AccessViews.WhoAmI me = options.client().access().whoami();
            if (options.json()) {
                ClientOptions.printJson(me);
                return 0;
            }
            System.out.println("principal: " + me.principal());
            printRules(me.rules());
            return 0;
        }
    }

    @Command(name = "principal", description = "Lists, creates or deletes principals, or gives one a new token.",
            subcommands = {ListPrincipals.class, CreatePrincipal.class, NewToken.class, DeletePrincipal.class})
    public static class PrincipalCmd {
    }

    @Command(name = "list", description = "Lists the principals (never a token).")
    public static class ListPrincipals implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Override
        public Integer call() {
            options.print(options.client().access().principals(), new Table("NAME", "CREATED", "DESCRIPTION"),
                    p -> new Object[] {p.name(), p.created(), p.description()});
            return 0;
        }
    }

    @Command(name = "create", description = "Creates a principal with a token, optionally with a built-in role:"
            + " admin, operator, viewer, agent or framework.")
    public static class CreatePrincipal implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Parameters(index = "0", description = "the principal's name")
        String name;

        @Option(names = "--role", description = "admin, operator, viewer, agent or framework")
        String role;

        @Option(names = "--on", split = ",", description = "the role's objects: services (operator, viewer), agent ids"
                + " (agent) or resource roles (framework); every one when not given")
        List<String> objects = new ArrayList<>();

        @Option(names = "--description", description = "what the principal is for")
        String description;

        @Option(names = "--out", description = "write a credentials file (owner-only) for the new principal here"
                + " instead of printing its token")
        Path out;

        @Override
        public Integer call() {
            AccessViews.Created c = options.client().access().create(
                    new AccessViews.CreatePrincipal(name, description, role, objects));
            handOut(c, out, options);
            return 0;
        }
    }

    @Command(name = "token", description = "Gives a principal a new token; the old one stops working at once.")
    public static class NewToken implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Parameters(index = "0")
        String name;

        @Option(names = "--out", description = "write a credentials file (owner-only) here instead of printing the token")
        Path out;

        @Override
        public Integer call() {
            handOut(options.client().access().newToken(name), out, options);
            return 0;
        }
    }

    @Command(name = "delete", description = "Deletes a principal and every ACL rule that names it.")
    public static class DeletePrincipal implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Parameters(index = "0")
        String name;

        @Override
        public Integer call() {
            options.client().access().delete(name);
            System.out.println("principal " + name + " deleted");
            return 0;
        }
    }

    @Command(name = "acl", description = "Lists, grants or revokes ACL rules: PRINCIPAL may ACTION on OBJECT.",
            subcommands = {ListAcl.class, Grant.class, Revoke.class})
    public static class AclCmd {
    }

    @Command(name = "list", description = "Lists every rule.")
    public static class ListAcl implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Override
        public Integer call() {
            List<AccessViews.RuleView> rules = options.client().access().acl();
            if (options.json()) {
                ClientOptions.printJson(rules);
                return 0;
            }
            printRules(rules);
            return 0;
        }
    }

    /** What grant and revoke name: a principal, a built-in role or one action, and objects. */
    static class RuleArgs {
        @Parameters(index = "0", description = "the principal")
        String principal;

        @Parameters(index = "1", description = "a built-in role (admin, operator, viewer, agent, framework) or an action"
                + " (e.g. read_secrets, launch_as_user)")
        String roleOrAction;

        @Parameters(index = "2..*", description = "objects: services, roles, OS users, agent ids; every one when none")
        List<String> objects = new ArrayList<>();

        AccessViews.Grant grant() {
            boolean isRole = List.of("admin", "operator", "viewer", "agent", "framework").contains(roleOrAction);
            return new AccessViews.Grant(principal, isRole ? roleOrAction : null, isRole ? null : roleOrAction, objects);
        }
    }

    /** Grant and revoke: the same arguments, and the rules changed printed. */
    abstract static class RuleChange implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Mixin
        RuleArgs args;

        abstract List<AccessViews.RuleView> change(AccessClient access, AccessViews.Grant grant);

        @Override
        public Integer call() {
            printRules(change(options.client().access(), args.grant()));
            return 0;
        }
    }

    @Command(name = "grant", description = "Adds the rules of a built-in role, or of one action, for a principal.")
    public static class Grant extends RuleChange {
        @Override
        List<AccessViews.RuleView> change(AccessClient access, AccessViews.Grant grant) {
            return access.grant(grant);
        }
    }

    @Command(name = "revoke", description = "Removes the rules of a built-in role, or of one action, from a principal.")
    public static class Revoke extends RuleChange {
        @Override
        List<AccessViews.RuleView> change(AccessClient access, AccessViews.Grant grant) {
            return access.revoke(grant);
        }
    }

    private static void printRules(List<AccessViews.RuleView> rules) {
        Table t = new Table("PRINCIPAL", "ACTION", "OBJECT");
        rules.forEach(r -> t.row(r.principal(), r.action(), r.object()));
        t.print(System.out);
    }

    /** A new token goes to a credentials file when asked (never to the screen then), else it is printed once. */
    private static void handOut(AccessViews.Created c, Path out, ClientOptions options) {
        if (out != null) {
            new Credentials(c.name(), c.token(), List.of(options.client().currentMaster())).write(out);
            System.out.println("principal " + c.name() + ": credentials written to " + out + " (owner-only)");
        } else {
            System.out.println("principal " + c.name() + " token (shown this once): " + c.token());
        }
        printRules(c.rules());
    }
}
