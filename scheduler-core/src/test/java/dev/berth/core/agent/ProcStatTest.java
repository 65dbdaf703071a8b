package dev.berth.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcStatTest {
    @Test
    void parsesFieldsAfterACommandNameWithSpacesAndParentheses() {
        String line = "4242 (my (odd) cmd) S 1 4242 4242 0 -1 4194560 100 0 0 0 12 34 5 6 20 0 1 0 987654"
                + " 1234567 321 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0";

        ProcStat stat = ProcStat.parse(line);

        assertThat(stat.pid()).isEqualTo(4242);
        assertThat(stat.state()).isEqualTo('S');
        assertThat(stat.ppid()).isEqualTo(1);
        assertThat(stat.pgrp()).isEqualTo(4242);
        assertThat(stat.session()).isEqualTo(4242);
        assertThat(stat.utime()).isEqualTo(12);
        assertThat(stat.stime()).isEqualTo(34);
        assertThat(stat.cutime()).isEqualTo(5);
        assertThat(stat.cstime()).isEqualTo(6);
        assertThat(stat.startTime()).isEqualTo(987654);
        assertThat(stat.rssPages()).isEqualTo(321);
        assertThat(stat.ended()).isFalse();
    }

    @Test
    void theCurrentProcessIsAliveAndAnotherStartTimeIsNot() {
        long pid = ProcessHandle.current().pid();
        ProcessIdentity me = ProcessIdentity.current(pid).orElseThrow();

        assertThat(me.alive()).isTrue();
        assertThat(new ProcessIdentity(pid, me.startTime() + 1).alive()).isFalse();
    }
}
