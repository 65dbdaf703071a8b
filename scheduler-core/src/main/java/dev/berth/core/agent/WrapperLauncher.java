package dev.berth.core.agent;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Spawns a task's wrapper as {@code setsid /bin/sh <sandbox>/.berth/wrapper.sh META COMMAND PROCS...}
 * with a clean environment, the sandbox as working directory, stdin from {@code /dev/null} and
 * stdout/stderr appended to the sandbox files. No pipe connects the task to the agent's JVM (Java
 * also closes every other descriptor in the child), so the task outlives the agent, even a SIGKILLed one.
 */
final class WrapperLauncher {
    private static final List<String> SEARCH = List.of("/usr/bin/setsid", "/bin/setsid", "/usr/sbin/setsid");

    private final String setsid;

    private WrapperLauncher(String setsid) {
        this.setsid = setsid;
    }

    /** Finds {@code setsid} (util-linux); without it tasks cannot get their own session, so this fails. */
    static WrapperLauncher locate() {
        Optional<String> found = SEARCH.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst();
        if (found.isEmpty()) {
            String path = System.getenv().getOrDefault("PATH", "");
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, "setsid");
                if (Files.isExecutable(candidate)) {
                    found = Optional.of(candidate.toString());
                    break;
                }
            }
        }
        return new WrapperLauncher(found.orElseThrow(() -> new IllegalStateException(
                "setsid (util-linux) was not found in " + SEARCH + " or on PATH; the agent needs it to give each"
                        + " task its own session and process group")));
    }

    Process start(Sandbox sandbox, String command, Map<String, String> environment, List<Path> cgroupProcsFiles)
            throws IOException {
        List<String> argv = new ArrayList<>();
        argv.add(setsid);
        argv.add("/bin/sh");
        argv.add(sandbox.wrapperScript().toString());
        argv.add(sandbox.metaDir().toString());
        argv.add(command);
        cgroupProcsFiles.forEach(p -> argv.add(p.toString()));
        ProcessBuilder pb = new ProcessBuilder(argv)
                .directory(sandbox.dir().toFile())
                .redirectInput(Redirect.from(new File("/dev/null")))
                .redirectOutput(Redirect.appendTo(sandbox.stdout().toFile()))
                .redirectError(Redirect.appendTo(sandbox.stderr().toFile()));
        pb.environment().clear();
        pb.environment().putAll(environment);
        return pb.start();
    }
}
