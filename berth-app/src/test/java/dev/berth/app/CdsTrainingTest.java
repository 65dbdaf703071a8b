package dev.berth.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class CdsTrainingTest {
    @Test
    void runsTheCommandsAgainstItsStandInAndGivesBackTheOutput() throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        CdsTraining.run();
        assertThat(System.out).isSameAs(out);
        assertThat(System.err).isSameAs(err);
    }
}
