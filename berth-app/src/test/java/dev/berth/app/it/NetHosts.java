package dev.berth.app.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test hosts on one machine: each a Linux network namespace with an address of its own on a private bridge,
 * nothing routed beyond it. The test's own JVM has the bridge's first address, so it reaches every host as a
 * client on another host would. Needs root ({@code ip netns}) and, for cuts, {@code iptables}.
 *
 * <p>Names: the bridge is {@code bh-NAME}, host {@code k} is namespace {@code bh-NAME-k} with address
 * {@code 10.SUBNET.k+10}. Leftovers of an earlier run of the same name (one killed before it could clean up)
 * are removed first, and {@link #close} removes everything even after a failed test.
 *
 * <p>A process runs in host {@code k} through {@code nsenter --net}, which switches the network namespace
 * only: unlike {@code ip netns exec} it leaves {@code /sys} mounted as it is, so cgroups stay where agents
 * look for them. {@code nsenter} execs the command, so the process's pid is the command's own.
 */
final class NetHosts implements AutoCloseable {
    private final String name;
    private final int subnet;
    private final int count;
    private final Path log;

    /**
     * @param name   at most 8 characters: interface names are limited to 15
     * @param subnet the second octet of the private network {@code 10.SUBNET.0.0/24}, free on this machine
     */
    NetHosts(String name, int subnet, int count) throws IOException, InterruptedException {
        if (name.length() > 8 || !name.matches("[a-z0-9]+")) {
            throw new IllegalArgumentException("host set name '" + name + "': at most 8 of a-z and 0-9");
        }
        this.name = name;
        this.subnet = subnet;
        this.count = count;
        Files.createDirectories(BerthProcess.LOGS);
        this.log = BerthProcess.LOGS.resolve("nethosts-" + name + ".log");
        removeLeftovers();
        try {
            ip("link", "add", bridge(), "type", "bridge");
            ip("addr", "add", prefix() + "1/24", "dev", bridge());
            ip("link", "set", bridge(), "up");
            for (int k = 0; k < count; k++) {
                String ns = namespace(k);
                String outer = "bh" + name + "o" + k;
                ip("netns", "add", ns);
                ip("link", "add", outer, "type", "veth", "peer", "name", "bh" + name + "i" + k);
                ip("link", "set", "bh" + name + "i" + k, "netns", ns);
                ip("link", "set", outer, "master", bridge(), "up");
                ip("-n", ns, "link", "set", "bh" + name + "i" + k, "name", "eth0");
                ip("-n", ns, "addr", "add", address(k) + "/24", "dev", "eth0");
                ip("-n", ns, "link", "set", "eth0", "up");
                ip("-n", ns, "link", "set", "lo", "up");
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    int count() {
        return count;
    }

    /** Host {@code k}'s address. */
    String address(int k) {
        return prefix() + (k + 10);
    }

    /** The address the test's own JVM has on the hosts' network. */
    String ownAddress() {
        return prefix() + "1";
    }

    /** The command prefix that runs a program inside host {@code k}. */
    List<String> inHost(int k) {
        return List.of("nsenter", "--net=/run/netns/" + namespace(k), "--");
    }

    /** {@code command} as run inside host {@code k}. */
    List<String> command(int k, List<String> command) {
        List<String> all = new ArrayList<>(inHost(k));
        all.addAll(command);
        return all;
    }

    /**
     * Cuts host {@code k} off from {@code others}: packets both ways are dropped silently inside host k, as a
     * broken link or a partition does; connections hang rather than fail fast.
     */
    void cut(int k, Collection<Integer> others) throws IOException, InterruptedException {
        for (int other : others) {
            iptables(k, "-A", "INPUT", "-s", address(other), "-j", "DROP");
            iptables(k, "-A", "OUTPUT", "-d", address(other), "-j", "DROP");
        }
    }

    /** Cuts host {@code k} off from the test's own JVM too (its clients' view of the host). */
    void cutFromTest(int k) throws IOException, InterruptedException {
        iptables(k, "-A", "INPUT", "-s", ownAddress(), "-j", "DROP");
        iptables(k, "-A", "OUTPUT", "-d", ownAddress(), "-j", "DROP");
    }

    /** Heals every cut of host {@code k}. */
    void heal(int k) throws IOException, InterruptedException {
        iptables(k, "-F", "INPUT");
        iptables(k, "-F", "OUTPUT");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        for (int k = 0; k < count; k++) {
            run(false, "ip", "netns", "del", namespace(k)); // its veth end goes with it, and the pair with that
        }
        run(false, "ip", "link", "del", bridge());
    }

    private void removeLeftovers() throws IOException, InterruptedException {
        Path netns = Path.of("/run/netns");
        if (Files.isDirectory(netns)) {
            try (var names = Files.list(netns)) {
                for (Path p : names.toList()) {
                    if (p.getFileName().toString().startsWith("bh-" + name + "-")) {
                        run(false, "ip", "netns", "del", p.getFileName().toString());
                    }
                }
            }
        }
        if (Files.exists(Path.of("/sys/class/net", bridge()))) {
            run(false, "ip", "link", "del", bridge());
        }
    }

    private String bridge() {
        return "bh-" + name;
    }

    private String namespace(int k) {
        return "bh-" + name + "-" + k;
    }

    private String prefix() {
        return "10." + subnet + ".0.";
    }

    private void iptables(int k, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(inHost(k));
        cmd.add("iptables");
        cmd.add("-w");
        cmd.addAll(List.of(args));
        run(true, cmd.toArray(String[]::new));
    }

    private void ip(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        run(true, cmd.toArray(String[]::new));
    }

    /** Runs a set-up command, its output appended to this host set's log; a failure throws when {@code check}. */
    private void run(boolean check, String... cmd) throws IOException, InterruptedException {
        Files.writeString(log, "$ " + String.join(" ", cmd) + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " did not end within 30 s");
        }
        if (check && p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed with exit code " + p.exitValue() + "; see " + log);
        }
    }
}
