package dev.berth.core.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a task's check command becomes a process: {@code sh -c} in the task's sandbox with the task's
 * environment, and as the task's user when it runs as another user than the agent's, so a check can
 * do no more on the machine than the task itself.
 */
record CheckShell(Path dir, Map<String, String> environment, Optional<TaskUser> user) {

    static CheckShell of(TaskLaunch launch, Sandbox sandbox, String agent) throws IOException {
        Map<String, String> env = TaskEnvironment.of(launch, sandbox);
        if (launch.user().isEmpty()) {
            return new CheckShell(sandbox.dir(), env, Optional.empty());
        }
        TaskUser user = TaskUser.of(launch.user(), agent);
        return new CheckShell(sandbox.dir(), user.environment(env, sandbox.dir()), Optional.of(user));
    }

    /** A check in {@code dir} with {@code environment}, as the agent's user. */
    static CheckShell asAgent(Path dir, Map<String, String> environment) {
        return new CheckShell(dir, environment, Optional.empty());
    }

    ProcessBuilder process(String command) {
        List<String> argv = user.map(u -> u.checkCommand(command)).orElse(List.of("/bin/sh", "-c", command));
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(environment);
        return pb;
    }
}
