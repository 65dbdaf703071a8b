package dev.berth.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.agent.CpuLimit;
import dev.berth.reservations.Resources;
import org.junit.jupiter.api.Test;

/** What each agent of berth up declares on a 2-core machine with 24 GiB and 100 GiB of free disk. */
class UpMachineShareTest {
    @Test
    void underSharesEveryAgentAdvertisesTheCoresSoADefaultCassandraNodeFitsOnEachOfFive() {
        Resources each = UpCommand.share(2, 24_576, 102_400, 5, CpuLimit.SHARES);
        assertThat(each).isEqualTo(Resources.parse("cpus:2;mem:4915;disk:20480;ports:[31000-32000]"));
        // a default Cassandra node reserves 0.5 for its server and 0.08 for each of two sidecars
        assertThat(each.contains(Resources.parse("cpus:0.66;mem:1536"))).isTrue();
    }

    @Test
    void underQuotaTheCoresAreDividedAsTheyAreHardCeilings() {
        assertThat(UpCommand.share(2, 24_576, 102_400, 4, CpuLimit.QUOTA))
                .isEqualTo(Resources.parse("cpus:0.5;mem:6144;disk:25600;ports:[31000-32000]"));
        assertThat(UpCommand.share(2, 24_576, 102_400, 3, CpuLimit.QUOTA).scalar("cpus").toString()).isEqualTo("0.666");
    }
}
