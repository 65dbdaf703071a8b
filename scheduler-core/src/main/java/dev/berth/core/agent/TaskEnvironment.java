package dev.berth.core.agent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds a task's environment from scratch, so nothing of the agent's own environment (credentials
 * included) leaks into tasks: a PATH, the launch's variables, then the variables Berth defines
 * ({@code BERTH_*}, {@code PORT0..n}), which win over launch variables of the same name.
 */
final class TaskEnvironment {
    static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private TaskEnvironment() {
    }

    static Map<String, String> of(TaskLaunch launch, Sandbox sandbox) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", DEFAULT_PATH));
        String lang = System.getenv("LANG");
        if (lang != null) {
            env.put("LANG", lang);
        }
        env.putAll(launch.environment());
        env.put("BERTH_TASK_ID", launch.taskId());
        env.put("BERTH_TASK_NAME", launch.taskName());
        launch.podIndex().ifPresent(i -> env.put("BERTH_POD_INDEX", Integer.toString(i)));
        env.put("BERTH_AGENT_IP", launch.agentIp());
        env.put("BERTH_SANDBOX", sandbox.dir().toString());
        List<Integer> ports = launch.resources().ports();
        for (int i = 0; i < ports.size(); i++) {
            env.put("PORT" + i, Integer.toString(ports.get(i)));
        }
        env.put("BERTH_PORTS", ports.stream().map(String::valueOf).collect(Collectors.joining(",")));
        return env;
    }
}
