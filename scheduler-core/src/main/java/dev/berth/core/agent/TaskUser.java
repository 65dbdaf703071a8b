package dev.berth.core.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task as another user than the agent's: the command is wrapped in {@code setpriv} (util-linux)
 * with the user's ids and groups, after the wrapper has joined the task's cgroups as root; the
 * sandbox and the task's volumes are handed to the user so it can write there. Only a root agent can
 * switch users; asking otherwise fails the launch with the reason.
 */
final class TaskUser {
    private final String name;
    private final int uid;
    private final int gid;

    private TaskUser(String name, int uid, int gid) {
        this.name = name;
        this.uid = uid;
        this.gid = gid;
    }

    /** The user named, checked against this machine; refuses an unknown user or a non-root agent. */
    static TaskUser of(String name, String agent) throws IOException {
        String self = System.getProperty("user.name");
        if (!"root".equals(self) && !name.equals(self)) {
            throw new IOException("user: the task asks to run as '" + name + "' but agent " + agent + " runs as '"
                    + self + "' and only a root agent can switch users");
        }
        return new TaskUser(name, id("-u", name, agent), id("-g", name, agent));
    }

    private static int id(String flag, String user, String agent) throws IOException {
        Process p = new ProcessBuilder("id", flag, user).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("user: '" + user + "' is not a user on agent " + agent + " (" + out + ")");
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
     * the agent wrote readable by their owner only.
     */
    String wrap(String command, Collection<String> configFiles) {
        StringBuilder chown = new StringBuilder("chown " + uid + ":" + gid + " \"$BERTH_SANDBOX\"");
        for (String file : configFiles) {
            chown.append(" \"$BERTH_SANDBOX\"/").append(quoted(file));
        }
        return chown + " && exec setpriv --reuid=" + uid + " --regid=" + gid
                + " --init-groups -- /bin/sh -c " + quoted(command);
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

    String name() {
        return name;
    }
}
