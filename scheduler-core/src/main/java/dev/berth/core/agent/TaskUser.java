package dev.berth.core.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Runs a task as another user than the agent's: the command is wrapped in {@code setpriv} (util-linux)
 * with the user's ids and groups, after the wrapper has joined the task's cgroups as root; the
 * sandbox and the task's volumes are handed to the user so it can write there, and its checks run as
 * the same user (a check is a command of the framework's choosing, so it gets no more rights than the
 * task). Only a root agent switches users: an agent that runs as another user runs every task as
 * itself, as a Mesos agent with {@code --no-switch_user} does, which is never root.
 */
final class TaskUser {
    private static final Logger LOG = Logger.getLogger(TaskUser.class);
    private static final String SELF = System.getProperty("user.name");

    private final String name;
    private final int uid;
    private final int gid;

    private TaskUser(String name, int uid, int gid) {
        this.name = name;
        this.uid = uid;
        this.gid = gid;
    }

    /**
     * The user a task with {@code user} runs as, when it is not the agent's own: empty for no user (the
     * agent's), for the agent's own name, and on an agent that is not root (which cannot switch).
     */
    static Optional<TaskUser> forTask(String user, String taskId, String agent) throws IOException {
        if (user.isEmpty() || user.equals(SELF)) {
            return Optional.empty();
        }
        if (!"root".equals(SELF)) {
            LOG.infof("agent %s runs as '%s', not root, so task %s runs as '%s' too, not as '%s'", agent, SELF, taskId,
                    SELF, user);
            return Optional.empty();
        }
        return Optional.of(of(user, agent));
    }

    /** The user named, checked against this machine; refuses an unknown user or a non-root agent. */
    static TaskUser of(String name, String agent) throws IOException {
        if (!"root".equals(SELF) && !name.equals(SELF)) {
            throw new IOException("user: the task asks to run as '" + name + "' but agent " + agent + " runs as '"
                    + SELF + "' and only a root agent can switch users");
        }
        return new TaskUser(name, id("-u", name, agent), id("-g", name, agent));
    }

    private static int id(String flag, String user, String agent) throws IOException {
        Process p = new ProcessBuilder("id", flag, user).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("user: '" + user + "' is not a user on agent " + agent + " (" + out
                        + "); create it there (useradd --system " + user + ") or install the service with another user");
            }
            return Integer.parseInt(out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while looking up user " + user, e);
        }
    }

    /**
     * The shell command that runs {@code command} as this user: still as root (the wrapper's context),
     * it hands the sandbox to the user, then drops to the user for good.
     */
    String wrap(String command) {
        return wrap(command, List.of());
    }

    /**
     * As {@link #wrap(String)}, also handing the task its config files (relative to the sandbox), which
     * the agent wrote readable by their owner only. The sandbox becomes the user's alone (mode 700):
     * other services' tasks may run as the same user on this agent only if they share it by choice.
     */
    String wrap(String command, Collection<String> configFiles) {
        StringBuilder chown = new StringBuilder("chown " + uid + ":" + gid + " \"$BERTH_SANDBOX\"");
        for (String file : configFiles) {
            chown.append(" \"$BERTH_SANDBOX\"/").append(quoted(file));
        }
        return chown + " && chmod 700 \"$BERTH_SANDBOX\" && HOME=\"$BERTH_SANDBOX\" USER=" + quoted(name)
                + " LOGNAME=" + quoted(name) + " exec " + String.join(" ", setpriv()) + " /bin/sh -c " + quoted(command);
    }

    /** The command line of a check: {@code command} run by {@code sh -c} as this user. */
    List<String> checkCommand(String command) {
        List<String> argv = new ArrayList<>(setpriv());
        argv.addAll(List.of("/bin/sh", "-c", command));
        return argv;
    }

    /** The environment of a task or check of this user, from the task's: its home is the sandbox. */
    Map<String, String> environment(Map<String, String> taskEnvironment, Path sandbox) {
        Map<String, String> env = new java.util.HashMap<>(taskEnvironment);
        env.put("HOME", sandbox.toString());
        env.put("USER", name);
        env.put("LOGNAME", name);
        return env;
    }

    private List<String> setpriv() {
        return List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--init-groups", "--");
    }

    /** A single-quoted shell word. */
    private static String quoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /** Gives a directory (not what is inside, which the task creates itself) to the user. */
    void own(Path dir) throws IOException {
        Files.setAttribute(dir, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(dir, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Gives a volume and everything in it to the user when its top belongs to someone else: the files
     * of a node that ran as another user before (an update of the service's user, or a node from before
     * nodes ran as their own user) become this user's. A volume the user owns already is left as is, so
     * a restart costs one stat, not a walk of the data (Kubernetes' fsGroup policy OnRootMismatch).
     */
    void ownVolume(Path volume) throws IOException {
        if (owner(volume) == uid && (int) Files.getAttribute(volume, "unix:gid", LinkOption.NOFOLLOW_LINKS) == gid) {
            return;
        }
        try (Stream<Path> walk = Files.walk(volume)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                own(p);
            }
        }
    }

    /**
     * Fails with the reason when the user cannot reach {@code path} (a directory to search, or a file
     * to read), naming the directory on the way that stops it and how to open it: a root agent's work
     * directory under a private home would otherwise give the task a bare "permission denied".
     */
    void requireReachable(Path path, String what) throws IOException {
        Path abs = path.toAbsolutePath().normalize();
        Path at = abs.getRoot();
        for (Path part : abs) {
            at = at.resolve(part);
            boolean last = at.equals(abs);
            int mode = (int) Files.getAttribute(at, "unix:mode");
            boolean isDir = Files.isDirectory(at);
            int bit = last && !isDir ? 4 : 1; // read a file, search a directory
            if (!allows(at, mode, bit)) {
                throw new IOException("user: '" + name + "' cannot reach " + what + " " + abs + ": " + at + " has mode "
                        + String.format("%03o", mode & 0777) + " (owner uid " + owner(at) + "); let other users "
                        + (bit == 1 ? "traverse it (chmod o+x " : "read it (chmod o+r ") + at + "), or keep the agent's"
                        + " --work-dir and --artifact-cache where they can");
            }
        }
    }

    private boolean allows(Path p, int mode, int bit) throws IOException {
        if (owner(p) == uid) {
            return (mode & (bit << 6)) != 0;
        }
        if ((int) Files.getAttribute(p, "unix:gid") == gid) {
            return (mode & (bit << 3)) != 0;
        }
        return (mode & bit) != 0;
    }

    private static int owner(Path p) throws IOException {
        return (int) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    }

    String name() {
        return name;
    }
}
