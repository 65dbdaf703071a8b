package dev.berth.core.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.core.json.BerthJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

/**
 * The agent's durable memory, a RocksDB at {@code <workDir>/checkpoint}. Keys: {@code agent} for the
 * {@link CheckpointedAgent}, {@code master-epoch} for the newest leadership epoch the agent has heard from
 * (see {@link MasterEpochs}), {@code task/<taskId>} for each {@link CheckpointedTask}; values are JSON (Berth's one
 * mapping, {@link BerthJson}). Every write is synced ({@code WriteOptions.setSync(true)}): a record the
 * runner wrote before starting a process survives a power cut, not only a crash of the JVM.
 *
 * <p>RocksDB allows one open handle per directory; the agent opens it once and hands it to the
 * {@link dev.berth.core.agent.TaskRunner}.
 */
public final class AgentCheckpoint implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(AgentCheckpoint.class);
    private static final byte[] AGENT_KEY = "agent".getBytes(StandardCharsets.UTF_8);
    private static final byte[] EPOCH_KEY = "master-epoch".getBytes(StandardCharsets.UTF_8);
    private static final String TASK_PREFIX = "task/";

    static {
        RocksDB.loadLibrary();
    }

    private final Path path;
    private final Options options;
    private final WriteOptions syncWrites;
    private final RocksDB db;
    private final ObjectMapper json = BerthJson.mapper();

    private AgentCheckpoint(Path path, Options options, WriteOptions syncWrites, RocksDB db) {
        this.path = path;
        this.options = options;
        this.syncWrites = syncWrites;
        this.db = db;
    }

    /** Opens (creating if needed) the checkpoint of the agent whose work directory is {@code workDir}. */
    public static AgentCheckpoint open(Path workDir) {
        Path path = workDir.resolve("checkpoint").toAbsolutePath();
        Options options = new Options().setCreateIfMissing(true);
        WriteOptions sync = new WriteOptions().setSync(true);
        try {
            Files.createDirectories(path);
            // the launches it keeps hold the tasks' config files: passwords, a node's TLS key; RocksDB makes its
            // files readable by all, so the folder is the agent's alone (an older agent's folder is made so too)
            Files.setPosixFilePermissions(path, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            RocksDB db = RocksDB.open(options, path.toString());
            LOG.debugf("opened agent checkpoint %s", path);
            return new AgentCheckpoint(path, options, sync, db);
        } catch (IOException | RocksDBException e) {
            sync.close();
            options.close();
            throw new CheckpointException("cannot open the agent checkpoint at " + path
                    + " (is another agent using this work directory?)", e);
        }
    }

    public Path path() {
        return path;
    }

    public void saveAgent(CheckpointedAgent info) {
        put(AGENT_KEY, info);
    }

    public Optional<CheckpointedAgent> agent() {
        return get(AGENT_KEY, CheckpointedAgent.class);
    }

    public void saveMasterEpoch(long epoch) {
        put(EPOCH_KEY, epoch);
    }

    /** The newest leadership epoch saved; 0 for an agent that has heard of none. */
    public long masterEpoch() {
        return get(EPOCH_KEY, Long.class).orElse(0L);
    }

    public void saveTask(CheckpointedTask record) {
        put(taskKey(record.taskId()), record);
    }

    public Optional<CheckpointedTask> task(String taskId) {
        return get(taskKey(taskId), CheckpointedTask.class);
    }

    /** Every checkpointed task, in task id order. */
    public List<CheckpointedTask> tasks() {
        List<CheckpointedTask> out = new ArrayList<>();
        byte[] prefix = TASK_PREFIX.getBytes(StandardCharsets.UTF_8);
        try (RocksIterator it = db.newIterator()) {
            for (it.seek(prefix); it.isValid() && startsWith(it.key(), prefix); it.next()) {
                out.add(decode(it.key(), it.value(), CheckpointedTask.class));
            }
        }
        return out;
    }

    /** Forgets a task (after its terminal status was acknowledged and its sandbox collected). */
    public void removeTask(String taskId) {
        try {
            db.delete(syncWrites, taskKey(taskId));
        } catch (RocksDBException e) {
            throw new CheckpointException("cannot remove task " + taskId + " from " + path, e);
        }
    }

    private void put(byte[] key, Object value) {
        try {
            db.put(syncWrites, key, json.writeValueAsBytes(value));
        } catch (IOException | RocksDBException e) {
            throw new CheckpointException("cannot write " + new String(key, StandardCharsets.UTF_8) + " to " + path, e);
        }
    }

    private <T> Optional<T> get(byte[] key, Class<T> type) {
        try {
            byte[] value = db.get(key);
            return value == null ? Optional.empty() : Optional.of(decode(key, value, type));
        } catch (RocksDBException e) {
            throw new CheckpointException("cannot read " + new String(key, StandardCharsets.UTF_8) + " from " + path, e);
        }
    }

    private <T> T decode(byte[] key, byte[] value, Class<T> type) {
        try {
            return json.readValue(value, type);
        } catch (IOException e) {
            throw new CheckpointException("unreadable " + type.getSimpleName() + " under key "
                    + new String(key, StandardCharsets.UTF_8) + " in " + path, e);
        }
    }

    private static byte[] taskKey(String taskId) {
        return (TASK_PREFIX + taskId).getBytes(StandardCharsets.UTF_8);
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        if (key.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (key[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        db.close();
        syncWrites.close();
        options.close();
    }
}
