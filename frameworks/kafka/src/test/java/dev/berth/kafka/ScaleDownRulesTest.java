package dev.berth.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.spec.Violation;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a lower brokers.count may not do: take a voter out of the quorum, or leave a topic more replicas than brokers. */
class ScaleDownRulesTest {
    static Map<String, Object> count(long n) {
        return Map.of("brokers.count", n, "brokers.heap", 256L, "brokers.mem", 768L);
    }

    @Test
    void aScaleDownKeepsTheThreeVotersOfTheQuorum() {
        assertThat(KafkaOptionRules.check(count(2), Optional.of(count(4)))).containsExactly(new Violation("brokers.count",
                "4 -> 2 would take a voter out of the controller quorum (brokers 0..2 are its 3 voters);"
                        + " a scale-down keeps at least 3 brokers (allowed: 3 or more)"));
        assertThat(KafkaOptionRules.check(count(3), Optional.of(count(5)))).isEmpty();
        assertThat(KafkaOptionRules.check(count(4), Optional.of(count(3)))).isEmpty();
        // a service installed smaller than the quorum cannot shrink further
        assertThat(KafkaOptionRules.check(count(1), Optional.of(count(2)))).singleElement().asString()
                .startsWith("brokers.count: 2 -> 1 would take a voter out").endsWith("(allowed: 2 or more)");
        // on install any count the schema allows is fine
        assertThat(KafkaOptionRules.check(count(1), Optional.empty())).isEmpty();
    }

    @Test
    void aScaleDownBelowATopicsReplicationFactorIsRefusedNamingEachSuchTopic() {
        Map<String, Integer> rf = Map.of("numbers", 3, "wide", 4, "wider", 5, "__consumer_offsets", 3);
        assertThat(ScaleDownRules.keepsReplicas(5, 3, rf)).extracting(Violation::toString).containsExactly(
                "brokers.count: 5 -> 3: topic wide has replication factor 4, more than the 3 brokers that would remain;"
                        + " lower its replication factor (or delete it) first, or keep brokers.count at 4 or more",
                "brokers.count: 5 -> 3: topic wider has replication factor 5, more than the 3 brokers that would remain;"
                        + " lower its replication factor (or delete it) first, or keep brokers.count at 5 or more");
        assertThat(ScaleDownRules.keepsReplicas(5, 4, Map.of("wide", 4))).isEmpty();
        // a scale-up never is
        assertThat(ScaleDownRules.keepsReplicas(3, 5, Map.of("wider", 5))).isEmpty();
    }
}
