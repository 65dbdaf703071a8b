package dev.berth.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.json.BerthJson;
import dev.berth.core.protocol.AgentPoll;
import dev.berth.core.protocol.AgentRegistered;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The newest leadership epoch an agent has heard from, and its refusal of older ones, across a restart. */
class MasterEpochsTest {
    @TempDir
    Path workDir;

    @Test
    void anOlderEpochIsRefusedAfterANewerOneAndAfterARestart() {
        try (AgentCheckpoint checkpoint = AgentCheckpoint.open(workDir)) {
            MasterEpochs epochs = new MasterEpochs(checkpoint, "a1");
            assertThat(epochs.newest()).isZero();
            assertThat(epochs.admit(0, "a command", "http://old")).as("a master of before epochs").isTrue();
            assertThat(epochs.admit(2, "a command", "http://m2")).isTrue();
            assertThat(epochs.admit(1, "a command", "http://m1")).isFalse();
            assertThat(epochs.admit(2, "a command", "http://m2")).isTrue();
            assertThat(epochs.admit(0, "a command", "http://old")).isFalse();
        }
        try (AgentCheckpoint checkpoint = AgentCheckpoint.open(workDir)) {
            MasterEpochs restarted = new MasterEpochs(checkpoint, "a1");
            System.out.printf("after a restart the agent remembers epoch %d%n", restarted.newest());
            assertThat(restarted.newest()).isEqualTo(2);
            assertThat(restarted.admit(1, "a command", "http://m1")).isFalse();
            assertThat(restarted.admit(3, "a command", "http://m3")).isTrue();
            assertThat(checkpoint.masterEpoch()).isEqualTo(3);
        }
    }

    @Test
    void aMasterOfBeforeEpochsAnswersEpochZero() {
        AgentPoll.Answer poll = BerthJson.fromBytes("{\"registered\":true,\"commands\":[]}"
                .getBytes(StandardCharsets.UTF_8), AgentPoll.Answer.class);
        AgentRegistered registered = BerthJson.fromBytes("{\"agentId\":\"a1\"}".getBytes(StandardCharsets.UTF_8),
                AgentRegistered.class);
        assertThat(poll.epoch()).isZero();
        assertThat(registered.epoch()).isZero();
    }
}
