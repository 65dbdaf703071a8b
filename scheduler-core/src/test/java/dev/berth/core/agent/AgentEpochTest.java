package dev.berth.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.berth.core.http.BearerToken;
import dev.berth.core.json.BerthJson;
import dev.berth.core.protocol.TaskState;
import dev.berth.core.protocol.TaskStatus;
import dev.berth.reservations.Resources;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real agent (HTTP, poll loop, RocksDB checkpoint) against a scripted master over HTTP. Commands are
 * KILLs of tasks the agent does not know, so each one carried out shows as a DROPPED status: the agent
 * carries out the commands of epoch 2, ignores (and does not confirm) those a deposed master of epoch 1
 * answers afterwards, and after a restart still refuses to register with the epoch-1 master.
 */
class AgentEpochTest {
    private static final String ID = "agent-epochs";

    @TempDir
    Path tmp;
    private final String name = RunnerFixture.newAgentName();
    private HttpServer server;
    private ExecutorService serverThreads;
    private Agent agent;
    private volatile long epoch;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    /** Each poll: what the agent confirmed with it, and the epoch of the answer it got. */
    private final List<long[]> polls = new CopyOnWriteArrayList<>();
    private final List<TaskStatus> statuses = new CopyOnWriteArrayList<>();
    private final AtomicInteger registrations = new AtomicInteger();

    @BeforeEach
    void startMaster() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        serverThreads = Executors.newCachedThreadPool();
        server.setExecutor(serverThreads);
        server.createContext("/v1/agent/", this::serve);
        server.start();
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        Isolations.probe(name, CpuLimit.SHARES).removeAgentHierarchy();
        server.stop(0);
        serverThreads.shutdownNow();
    }

    private void serve(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        byte[] body = x.getRequestBody().readAllBytes();
        String answer = null;
        try {
            if (path.equals("/v1/agent/register")) {
                registrations.incrementAndGet();
                answer = "{\"agentId\":\"" + ID + "\",\"epoch\":" + epoch + "}";
            } else if (path.endsWith("/poll")) {
                long confirmed = BerthJson.mapper().readTree(body).get("confirmed").asLong();
                answer = answers.poll(200, TimeUnit.MILLISECONDS);
                if (answer == null) {
                    answer = "{\"registered\":true,\"commands\":[],\"epoch\":" + epoch + "}";
                }
                polls.add(new long[] {confirmed, BerthJson.mapper().readTree(answer).get("epoch").asLong()});
            } else if (path.endsWith("/status")) {
                statuses.add(BerthJson.fromBytes(body, TaskStatus.class));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (answer == null) {
            x.sendResponseHeaders(204, -1);
        } else {
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(200, bytes.length);
            x.getResponseBody().write(bytes);
        }
        x.close();
    }

    private static String kill(long epoch, long sequence, String taskId) {
        return "{\"registered\":true,\"epoch\":" + epoch + ",\"commands\":[{\"sequence\":" + sequence
                + ",\"item\":{\"type\":\"KILL\",\"taskId\":\"" + taskId + "\",\"gracePeriod\":\"PT1S\"}}]}";
    }

    private Agent startAgent() {
        return Agent.start(new AgentConfig(List.of("http://127.0.0.1:" + server.getAddress().getPort()),
                BearerToken.of("token"), tmp.resolve(name), "127.0.0.1", "h", Resources.parse("cpus:1;mem:256;disk:100"),
                null, Duration.ofMillis(200), null, null, null));
    }

    private List<String> dropped() {
        return statuses.stream().filter(s -> s.state() == TaskState.DROPPED).map(TaskStatus::taskId).toList();
    }

    @Test
    void commandsOfAnOlderEpochAreIgnoredAlsoAfterARestart() throws Exception {
        epoch = 2;
        agent = startAgent();
        answers.add(kill(2, 1, "t-epoch2"));
        await().atMost(Duration.ofSeconds(20)).until(() -> dropped().contains("t-epoch2"));

        // the deposed master of epoch 1 answers a poll (it has its own queue), then the leader's next command
        answers.add(kill(1, 2, "t-epoch1"));
        answers.add(kill(2, 2, "t-after"));
        await().atMost(Duration.ofSeconds(20)).until(() -> dropped().contains("t-after")
                && polls.stream().anyMatch(p -> p[0] == 2));
        List<long[]> seen = List.copyOf(polls);
        int stale = 0;
        while (seen.get(stale)[1] != 1) {
            stale++;
        }
        System.out.printf("epoch 2 then 1 then 2: tasks dropped %s; the poll after the epoch-1 answer confirmed %d,"
                + " the one after the next epoch-2 answer %d%n", dropped(), seen.get(stale + 1)[0], seen.get(stale + 2)[0]);
        assertThat(dropped()).containsExactly("t-epoch2", "t-after");
        // the stale answer's sequence 2 was neither carried out nor confirmed; the leader's sequence 2 was
        assertThat(seen.get(stale + 1)[0]).isEqualTo(1);
        assertThat(seen.get(stale + 2)[0]).isEqualTo(2);

        agent.close();
        agent = null;
        Thread.sleep(600); // a poll the closed agent had under way is answered within 200 ms
        epoch = 1; // the restarted agent reaches the deposed master first
        int registeredBefore = registrations.get();
        int pollsBefore = polls.size();
        agent = startAgent();
        await().atMost(Duration.ofSeconds(20)).until(() -> registrations.get() >= registeredBefore + 3);
        int pollsWhileRefused = polls.size() - pollsBefore;
        epoch = 3;
        answers.clear();
        answers.add(kill(3, 1, "t-epoch3"));
        await().atMost(Duration.ofSeconds(20)).until(() -> dropped().contains("t-epoch3"));
        System.out.printf("restarted agent: %d registrations answered in epoch 1 refused, %d polls meanwhile;"
                + " then epoch 3 registered and its command carried out: dropped %s%n",
                registrations.get() - registeredBefore - 1, pollsWhileRefused, dropped());
        assertThat(pollsWhileRefused).isZero();
        assertThat(dropped()).containsExactly("t-epoch2", "t-after", "t-epoch3");
    }
}
