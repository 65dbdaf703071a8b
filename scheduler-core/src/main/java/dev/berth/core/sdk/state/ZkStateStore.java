package dev.berth.core.sdk.state;

import dev.berth.core.access.SecretCipher;
import dev.berth.core.json.BerthJson;
import dev.berth.core.plan.Plan;
import dev.berth.core.protocol.InstanceIntents;
import dev.berth.core.protocol.PodInstanceRecord;
import dev.berth.core.protocol.ServiceTarget;
import dev.berth.core.protocol.TaskRecord;
import dev.berth.core.sdk.hooks.Secrets;
import dev.berth.core.tls.CertificateAuthority;
import dev.berth.core.zk.ZkChildren;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;

/**
 * A service's state in ZooKeeper under {@code <root>/services/<name>}: {@code framework-id},
 * {@code configs/<id>}, {@code pods/<instance>}, {@code intents/<instance>}, {@code tasks/<task>},
 * {@code plans/<plan>}, each a
 * JSON znode, and {@code secrets/<name>} holding the value encrypted with the cluster's key (which is not
 * in ZooKeeper). Writes go straight to ZooKeeper; ZooKeeper has them on a quorum when a call returns.
 * Each write (with any folders it needs) is one transaction through {@link StoreWrites}, conditional on the
 * leader's epoch: a master whose term has ended can neither write nor delete here.
 */
public final class ZkStateStore implements StateStore {
    private final CuratorFramework curator;
    private final String base;
    /** The cluster's CA: one for all services, beside them. */
    private final String authorityPath;
    private volatile CertificateAuthority authority;
    private final SecretCipher cipher;
    private final StoreWrites writes;
    /** What {@link #prefetch} read, by directory; answers reads until this store's first write. Null when none. */
    private volatile Map<String, Map<String, byte[]>> prefetched;

    public ZkStateStore(CuratorFramework curator, String root, String service, SecretCipher cipher, StoreWrites writes) {
        this.curator = curator;
        this.cipher = cipher;
        this.writes = writes;
        this.base = root + "/services/" + service;
        this.authorityPath = root + "/tls/ca";
    }

    /** The names of the services that have state under {@code root}. */
    public static List<String> services(CuratorFramework curator, String root) {
        try {
            return curator.getChildren().forPath(root + "/services");
        } catch (KeeperException.NoNodeException none) {
            return List.of(); // one round trip where an exists check first would take two
        } catch (Exception e) {
            throw new StoreException("cannot list services under " + root, e);
        }
    }

    /**
     * Reads the service's framework id and all its directories but the secrets at once: two round trips
     * (list them, then read their children) where reading them in turn takes two each. A master resuming
     * the service on its takeover reads it this way. Reads are answered from what was read until this store
     * writes: within a term only the leader writes a service's state, and only through one store.
     */
    @Override
    public ZkStateStore prefetch() {
        List<String> dirs = new ArrayList<>(List.of(base));
        for (String kind : PREFETCHED) {
            dirs.add(base + "/" + kind);
        }
        try {
            prefetched = ZkChildren.read(curator, dirs);
        } catch (Exception e) {
            throw new StoreException("cannot read " + base, e);
        }
        return this;
    }

    private static final List<String> PREFETCHED = List.of("configs", "pods", "tasks", "intents", "plans");

    @Override
    public Optional<String> frameworkId() {
        Map<String, Map<String, byte[]>> known = prefetched;
        Optional<byte[]> id = known != null ? Optional.ofNullable(known.get(base).get("framework-id"))
                : read(base + "/framework-id");
        return id.map(b -> new String(b, StandardCharsets.UTF_8));
    }

    @Override
    public void storeFrameworkId(String id) {
        write(base + "/framework-id", id.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public List<ServiceTarget> configs() {
        List<ServiceTarget> all = new ArrayList<>(readAll("configs", ServiceTarget.class).values());
        all.sort(Comparator.comparing(ServiceTarget::created).thenComparing(ServiceTarget::id));
        return all;
    }

    @Override
    public void storeConfig(ServiceTarget target) {
        write(base + "/configs/" + target.id(), BerthJson.toBytes(target));
    }

    @Override
    public Map<String, PodInstanceRecord> podInstances() {
        return readAll("pods", PodInstanceRecord.class);
    }

    @Override
    public void storePodInstance(PodInstanceRecord record) {
        write(base + "/pods/" + record.name(), BerthJson.toBytes(record));
    }

    @Override
    public void removePodInstance(String name) {
        delete(base + "/pods/" + name);
    }

    @Override
    public Map<String, TaskRecord> tasks() {
        return readAll("tasks", TaskRecord.class);
    }

    @Override
    public void storeTask(TaskRecord record) {
        write(base + "/tasks/" + record.name(), BerthJson.toBytes(record));
    }

    @Override
    public void removeTask(String name) {
        delete(base + "/tasks/" + name);
    }

    @Override
    public Map<String, InstanceIntents> intents() {
        return readAll("intents", InstanceIntents.class);
    }

    @Override
    public void storeIntents(InstanceIntents intents) {
        if (intents.isEmpty()) {
            delete(base + "/intents/" + intents.instance());
        } else {
            write(base + "/intents/" + intents.instance(), BerthJson.toBytes(intents));
        }
    }

    @Override
    public Map<String, Plan> plans() {
        return readAll("plans", Plan.class);
    }

    @Override
    public void storePlan(Plan plan) {
        write(base + "/plans/" + plan.name(), BerthJson.toBytes(plan));
    }

    @Override
    public Secrets secrets() {
        String dir = base + "/secrets";
        Map<String, String> out = new TreeMap<>();
        try {
            for (Map.Entry<String, byte[]> e : ZkChildren.read(curator, dir).entrySet()) {
                out.put(e.getKey(), cipher.decrypt(new String(e.getValue(), StandardCharsets.UTF_8)));
            }
        } catch (Exception e) {
            throw new StoreException("cannot read " + dir, e);
        }
        return new Secrets(out);
    }

    /**
     * Encrypts the secrets the services still keep in plain text (written before secrets were encrypted at
     * rest), reading every service's secrets at once; answers how many per service, for those that had any.
     * Values already sealed are left as they are.
     */
    public static Map<String, Integer> sealPlainSecrets(CuratorFramework curator, String root, List<String> services,
                                                        SecretCipher cipher, StoreWrites writes) {
        Map<String, String> dirs = new TreeMap<>();
        services.forEach(s -> dirs.put(root + "/services/" + s + "/secrets", s));
        Map<String, Map<String, byte[]>> stored;
        try {
            stored = ZkChildren.read(curator, List.copyOf(dirs.keySet()));
        } catch (Exception e) {
            throw new StoreException("cannot read " + String.join(", ", dirs.keySet()), e);
        }
        Map<String, Integer> sealed = new TreeMap<>();
        stored.forEach((dir, secrets) -> {
            String service = dirs.get(dir);
            ZkStateStore store = new ZkStateStore(curator, root, service, cipher, writes);
            secrets.forEach((name, value) -> {
                String text = new String(value, StandardCharsets.UTF_8);
                if (!SecretCipher.isSealed(text)) {
                    store.storeSecret(name, text);
                    sealed.merge(service, 1, Integer::sum);
                }
            });
        });
        return sealed;
    }

    @Override
    public void storeSecret(String name, String value) {
        write(base + "/secrets/" + name, cipher.encrypt(value).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Read once, then kept. When there is none yet this store makes one and creates its node only if it is still
     * absent: of two services making one at once, one's is kept and both read that one.
     */
    @Override
    public CertificateAuthority certificateAuthority() {
        CertificateAuthority known = authority;
        if (known != null) {
            return known;
        }
        Optional<byte[]> stored = read(authorityPath);
        if (stored.isEmpty()) {
            byte[] sealed = SealedAuthority.seal(SealedAuthority.create(java.time.Instant.now()), cipher);
            transact(authorityPath, "create", () -> {
                if (curator.checkExists().forPath(authorityPath) != null) {
                    return List.of();
                }
                List<CuratorOp> ops = new ArrayList<>();
                for (String folder : missingFolders(authorityPath)) {
                    ops.add(curator.transactionOp().create().forPath(folder, new byte[0]));
                }
                ops.add(curator.transactionOp().create().forPath(authorityPath, sealed));
                return ops;
            });
            stored = read(authorityPath);
        }
        known = SealedAuthority.open(stored.orElseThrow(() -> new StoreException("cannot read " + authorityPath,
                new IllegalStateException("created, then gone"))), cipher);
        authority = known;
        return known;
    }

    @Override
    public void clear() {
        transact(base, "remove", () -> {
            List<CuratorOp> ops = new ArrayList<>();
            if (curator.checkExists().forPath(base) != null) {
                deleteTree(base, ops);
            }
            return ops;
        });
    }

    /** Deletes of {@code path} and everything under it, children first (ZooKeeper deletes only leaves). */
    private void deleteTree(String path, List<CuratorOp> ops) throws Exception {
        for (String child : curator.getChildren().forPath(path)) {
            deleteTree(ZKPaths.makePath(path, child), ops);
        }
        ops.add(curator.transactionOp().delete().forPath(path));
    }

    private Optional<byte[]> read(String path) {
        try {
            return Optional.of(curator.getData().forPath(path));
        } catch (KeeperException.NoNodeException absent) {
            return Optional.empty();
        } catch (Exception e) {
            throw new StoreException("cannot read " + path, e);
        }
    }

    private <T> Map<String, T> readAll(String kind, Class<T> type) {
        String dir = base + "/" + kind;
        Map<String, T> out = new TreeMap<>();
        Map<String, Map<String, byte[]>> known = prefetched;
        try {
            Map<String, byte[]> stored = known != null && known.containsKey(dir) ? known.get(dir)
                    : ZkChildren.read(curator, dir);
            for (Map.Entry<String, byte[]> e : stored.entrySet()) {
                out.put(e.getKey(), BerthJson.fromBytes(e.getValue(), type));
            }
        } catch (Exception e) {
            throw new StoreException("cannot read " + dir, e);
        }
        return out;
    }

    private void write(String path, byte[] data) {
        transact(path, "write", () -> {
            List<CuratorOp> ops = new ArrayList<>();
            if (curator.checkExists().forPath(path) != null) {
                ops.add(curator.transactionOp().setData().forPath(path, data));
            } else {
                for (String folder : missingFolders(path)) {
                    ops.add(curator.transactionOp().create().forPath(folder, new byte[0]));
                }
                ops.add(curator.transactionOp().create().forPath(path, data));
            }
            return ops;
        });
    }

    /** The folders above {@code path} that do not exist yet, outermost first. */
    private List<String> missingFolders(String path) throws Exception {
        Deque<String> missing = new ArrayDeque<>();
        String folder = ZKPaths.getPathAndNode(path).getPath();
        while (!folder.equals("/") && curator.checkExists().forPath(folder) == null) {
            missing.addFirst(folder);
            folder = ZKPaths.getPathAndNode(folder).getPath();
        }
        return List.copyOf(missing);
    }

    private void delete(String path) {
        transact(path, "delete", () -> curator.checkExists().forPath(path) == null ? List.of()
                : List.of(curator.transactionOp().delete().forPath(path)));
    }

    /** What a write is made of, read afresh for each attempt. */
    private interface Ops {
        List<CuratorOp> read() throws Exception;
    }

    /**
     * Commits the operations through the fence. A node made or removed by someone else between the reads
     * and the commit fails the transaction as a whole; the operations are then read again.
     */
    private void transact(String path, String what, Ops ops) {
        prefetched = null; // from now on what was read may be out of date
        for (int attempt = 1; ; attempt++) {
            try {
                List<CuratorOp> list = ops.read();
                if (!list.isEmpty()) {
                    writes.commit(list);
                }
                return;
            } catch (KeeperException.NodeExistsException | KeeperException.NoNodeException
                     | KeeperException.NotEmptyException raced) {
                if (attempt >= 3) {
                    throw new StoreException("cannot " + what + " " + path, raced);
                }
            } catch (RuntimeException e) {
                throw e; // the fence's refusal (the term ended) goes up as it is
            } catch (Exception e) {
                throw new StoreException("cannot " + what + " " + path, e);
            }
        }
    }

    /** ZooKeeper failed: the service cannot promise durability, so it stops acting. */
    public static final class StoreException extends RuntimeException {
        StoreException(String message, Throwable cause) {
            super(message + ": " + cause.getMessage(), cause);
        }
    }
}
