package dev.berth.core.agent;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Sends signals through the {@code kill} utility, because Java can only signal a single pid and a
 * task must be signalled as a whole process group ({@code kill -s TERM -- -PGID}). Processes are
 * only ever addressed by pid or process group id, never by name.
 */
public final class Signals {
    private static final Logger LOG = Logger.getLogger(Signals.class);
    private static final String KILL = Files.isExecutable(Path.of("/bin/kill")) ? "/bin/kill" : "kill";

    /** The signals the agent sends. */
    public enum Signal { TERM, KILL }

    private Signals() {
    }

    /** Signals every process of group {@code pgid}; false when the group no longer exists. */
    public static boolean group(long pgid, Signal signal) {
        if (pgid <= 1) {
            throw new IllegalArgumentException("refusing to signal process group " + pgid);
        }
        return run(signal.name(), "-" + pgid);
    }

    /** Signals one process; false when it no longer exists. */
    public static boolean process(long pid, Signal signal) {
        if (pid <= 1) {
            throw new IllegalArgumentException("refusing to signal pid " + pid);
        }
        return run(signal.name(), Long.toString(pid));
    }

    /** True while at least one process (zombies included) is in group {@code pgid}. */
    public static boolean groupExists(long pgid) {
        if (pgid <= 1) {
            return false;
        }
        return run("0", "-" + pgid);
    }

    private static boolean run(String signal, String target) {
        try {
            Process p = new ProcessBuilder(KILL, "-s", signal, "--", target)
                    .redirectOutput(Redirect.DISCARD).redirectError(Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                LOG.warnf("kill -s %s -- %s did not return within 10 s", signal, target);
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            LOG.errorf(e, "cannot run %s to send %s to %s", KILL, signal, target);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
