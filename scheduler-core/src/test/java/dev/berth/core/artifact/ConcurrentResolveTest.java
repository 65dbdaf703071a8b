package dev.berth.core.artifact;

import static dev.berth.core.artifact.ArtifactCacheTest.COMMONS_TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several agents resolving the same artifacts into one empty cache at the same time: all succeed,
 * agree, every file is whole, and every file is downloaded once in all (the others wait on the
 * lock and find it cached). Without working cross-process locks the download totals exceed the
 * baseline (seen with the stock {@code file-lock} factory's lock-file deletion).
 */
class ConcurrentResolveTest {

    @TempDir
    Path temp;

    /** Files one resolve into an empty cache downloads. */
    private int baselineDownloads() {
        try (ArtifactCache cache = new ArtifactCache(temp.resolve("baseline"))) {
            return cache.resolve(COMMONS_TEXT).downloads();
        }
    }

    @Test
    void threadsWithTheirOwnAndASharedCacheAllSucceed() throws Exception {
        int baseline = baselineDownloads();
        Path cacheDir = temp.resolve("artifacts");
        int threads = 4;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (ArtifactCache shared = new ArtifactCache(cacheDir)) {
            List<Future<Classpath>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                boolean own = i % 2 == 0;
                results.add(pool.submit(() -> {
                    start.await();
                    if (own) {
                        try (ArtifactCache cache = new ArtifactCache(cacheDir)) {
                            return cache.resolve(COMMONS_TEXT);
                        }
                    }
                    return shared.resolve(COMMONS_TEXT);
                }));
            }
            List<Classpath> classpaths = new ArrayList<>();
            for (Future<Classpath> result : results) {
                classpaths.add(result.get(5, TimeUnit.MINUTES));
            }

            assertThat(classpaths).extracting(Classpath::entries).containsOnly(classpaths.get(0).entries());
            assertThat(classpaths.stream().mapToInt(Classpath::downloads).sum()).isEqualTo(baseline);
            assertThat(classpaths.get(0).entries()).hasSize(2).allSatisfy(jar -> assertThat(jar).isRegularFile());
            // re-check every file against the checksum it was downloaded with
            for (Path jar : classpaths.get(0).entries()) {
                assertThat(SidecarChecksum.mismatch(jar)).isEmpty();
            }
            assertThat(shared.resolve(COMMONS_TEXT).downloads()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void separateProcessesAllSucceed() throws Exception {
        int baseline = baselineDownloads();
        Path cacheDir = temp.resolve("artifacts");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> processes = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path out = temp.resolve("child-" + i + ".out");
            outputs.add(out);
            processes.add(new ProcessBuilder(
                            java, "-cp", System.getProperty("java.class.path"),
                            ResolveInChildJvm.class.getName(), cacheDir.toString(), COMMONS_TEXT.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start());
        }
        try {
            for (int i = 0; i < processes.size(); i++) {
                Process process = processes.get(i);
                assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("child %d finished", i).isTrue();
                assertThat(process.exitValue()).as("child %d output:%n%s", i, Files.readString(outputs.get(i)))
                        .isZero();
            }
        } finally {
            processes.forEach(Process::destroyForcibly);
        }
        List<String> classpaths = new ArrayList<>();
        int downloads = 0;
        for (Path out : outputs) {
            List<String> lines = Files.readAllLines(out);
            classpaths.add(line(lines, ResolveInChildJvm.CLASSPATH_PREFIX));
            downloads += Integer.parseInt(line(lines, ResolveInChildJvm.DOWNLOADS_PREFIX));
        }
        assertThat(classpaths).containsOnly(classpaths.get(0));
        assertThat(downloads).isEqualTo(baseline);
        try (ArtifactCache cache = new ArtifactCache(cacheDir)) {
            Classpath classpath = cache.resolve(COMMONS_TEXT);
            assertThat(classpath.downloads()).isZero();
            for (Path jar : classpath.entries()) {
                assertThat(SidecarChecksum.mismatch(jar)).isEmpty();
            }
        }
    }

    private static String line(List<String> lines, String prefix) {
        return lines.stream()
                .filter(l -> l.startsWith(prefix))
                .map(l -> l.substring(prefix.length()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + prefix + " in " + lines));
    }
}
