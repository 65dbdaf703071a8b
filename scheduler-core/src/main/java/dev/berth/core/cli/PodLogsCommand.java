package dev.berth.core.cli;

import dev.berth.core.client.PodClient;
import dev.berth.core.json.BerthJson;
import dev.berth.core.protocol.ServiceViews;
import dev.berth.core.protocol.TaskFileChunk;
import dev.berth.core.protocol.TaskState;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth pod logs SVC POD [--task T] [--tail N] [-f] [--stderr | --file PATH]}: what a pod's task printed, or
 * the database's own log in its sandbox, read by its agent through the master; {@code -f} follows it, across a
 * master failover, until the task ends.
 */
@Command(name = "logs", description = "Prints a pod task's stdout (or stderr, or a log file in its sandbox); -f follows it.")
public class PodLogsCommand implements Callable<Integer> {
    @Mixin
    ClientOptions options;

    @Parameters(index = "0", description = "the service")
    String service;

    @Parameters(index = "1", description = "the pod instance, e.g. node-0")
    String pod;

    @Option(names = "--task", description = "the task of the pod, e.g. server (default: its only task, or its only one still running)")
    String task;

    @Option(names = "--tail", description = "only the last N lines (default: all)")
    int tail;

    @Option(names = {"-f", "--follow"}, description = "keep printing what the task writes, until it ends")
    boolean follow;

    @Option(names = "--stderr", description = "the task's stderr instead of its stdout")
    boolean stderr;

    @Option(names = "--file", description = "a log file in the task's sandbox or volumes instead, e.g. data/hello.log")
    String file;

    @Override
    public Integer call() {
        if (file != null && stderr) {
            throw new IllegalArgumentException("--stderr and --file " + file + " were both given; name one");
        }
        if (tail < 0) {
            throw new IllegalArgumentException("--tail: " + tail + " is negative; use a number of lines, 1 or more");
        }
        String which = file != null ? file : stderr ? "stderr" : "stdout";
        PodClient pods = options.client().pods();
        String taskId = taskOf(pods.status(service, pod)).taskId();
        if (follow) {
            pods.followTaskFile(taskId, which, tail, this::print);
            return 0;
        }
        TaskFileChunk chunk = pods.readTaskFile(taskId, which, 0, tail);
        print(chunk);
        while (!chunk.atEnd() && tail == 0) {
            chunk = pods.readTaskFile(taskId, which, chunk.nextOffset(), 0);
            print(chunk);
        }
        return 0;
    }

    /** The task named by --task, else the pod's only task, else its only one not ended. */
    ServiceViews.TaskRow taskOf(ServiceViews.PodRow p) {
        List<ServiceViews.TaskRow> tasks = p.tasks();
        if (task != null) {
            // a task is named as in the service's spec (server) or in full, with its pod instance (node-0-server)
            return tasks.stream().filter(t -> t.name().equals(task) || t.name().equals(p.instance() + "-" + task)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("--task: pod " + pod + " has no task '" + task
                            + "'; its tasks: " + names(tasks)));
        }
        if (tasks.size() == 1) {
            return tasks.get(0);
        }
        List<ServiceViews.TaskRow> running = tasks.stream().filter(t -> !TaskState.valueOf(t.state()).isTerminal()).toList();
        if (running.size() == 1) {
            return running.get(0);
        }
        throw new IllegalArgumentException("pod " + pod + " has " + (tasks.isEmpty() ? "no task" : "tasks " + names(tasks))
                + (tasks.isEmpty() ? "" : "; name one with --task"));
    }

    private static String names(List<ServiceViews.TaskRow> tasks) {
        return String.join(", ", tasks.stream().map(t -> t.name() + " (" + t.state() + ")").toList());
    }

    private void print(TaskFileChunk chunk) {
        if (options.json()) {
            System.out.println(BerthJson.toJson(chunk));
        } else {
            if (chunk.truncated()) {
                System.err.println("[berth: " + chunk.file() + " was rotated; going on from its new start]");
            }
            System.out.print(chunk.data());
        }
        System.out.flush();
    }
}
