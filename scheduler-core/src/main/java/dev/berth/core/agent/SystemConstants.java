package dev.berth.core.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Clock ticks per second and the page size, asked of {@code getconf} once: {@code /proc} reports CPU
 * times in ticks and RSS in pages, and Java has no API for either constant.
 */
final class SystemConstants {
    private static final long CLOCK_TICKS = getconf("CLK_TCK", 100);
    private static final long PAGE_SIZE = getconf("PAGESIZE", 4096);

    private SystemConstants() {
    }

    static long clockTicksPerSecond() {
        return CLOCK_TICKS;
    }

    static long pageSize() {
        return PAGE_SIZE;
    }

    private static long getconf(String name, long fallback) {
        try {
            Process p = new ProcessBuilder("getconf", name).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return Long.parseLong(out);
            }
        } catch (IOException | NumberFormatException e) {
            return fallback;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return fallback;
    }
}
