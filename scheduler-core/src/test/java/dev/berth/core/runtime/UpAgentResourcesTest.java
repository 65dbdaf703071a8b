package dev.berth.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.reservations.Resources;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An agent of berth up declares at every start what it declared at the first, so a restart resumes. */
class UpAgentResourcesTest {
    static final Resources FIRST = Resources.parse("cpus:0.666;mem:8035;disk:27055;ports:[31000-32000]");
    static final Resources LATER = Resources.parse("cpus:0.666;mem:8035;disk:27028;ports:[31000-32000]");

    @TempDir
    Path agentDir;

    @Test
    void theShareOfTheFirstStartIsKeptAndReusedWhenTheFreeDiskHasChanged() throws Exception {
        assertThat(UpAgentResources.of(agentDir, Optional.empty(), FIRST)).isEqualTo(FIRST);
        assertThat(UpAgentResources.of(agentDir, Optional.empty(), LATER)).isEqualTo(FIRST);
    }

    @Test
    void resourcesTheUserGivesAreUsedForThatStartAndTheFirstOnesStayForTheNext() throws Exception {
        UpAgentResources.of(agentDir, Optional.empty(), FIRST);
        Resources given = Resources.parse("cpus:1;mem:4096;disk:10000;ports:[31000-31100]");
        assertThat(UpAgentResources.of(agentDir, Optional.of(given), LATER)).isEqualTo(given);
        assertThat(UpAgentResources.of(agentDir, Optional.empty(), LATER)).isEqualTo(FIRST);
    }

    @Test
    void resourcesGivenAtTheFirstStartAreKept() throws Exception {
        Resources given = Resources.parse("cpus:1;mem:4096;disk:10000;ports:[31000-31100]");
        assertThat(UpAgentResources.of(agentDir, Optional.of(given), FIRST)).isEqualTo(given);
        assertThat(UpAgentResources.of(agentDir, Optional.empty(), LATER)).isEqualTo(given);
    }
}
