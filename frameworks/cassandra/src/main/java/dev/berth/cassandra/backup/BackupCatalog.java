package dev.berth.cassandra.backup;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The backups of a service in its store, as {@code berth backup list} and {@code describe} show them: read
 * from the manifests, and from the node parts of a backup that has none yet (INCOMPLETE).
 */
public final class BackupCatalog {
    private final BackupStore store;
    private final String service;

    public BackupCatalog(BackupStore store, String service) {
        this.store = store;
        this.service = service;
    }

    /** Every backup of the service, by name. */
    public List<BackupSummary> list() throws IOException {
        String root = BackupLayout.backups(service);
        Map<String, Integer> parts = new TreeMap<>();
        Map<String, Boolean> complete = new TreeMap<>();
        for (String key : store.list(root)) {
            String rest = key.substring(root.length());
            int slash = rest.indexOf('/');
            if (slash <= 0) {
                continue;
            }
            String name = rest.substring(0, slash);
            complete.merge(name, rest.equals(name + "/manifest.json"), Boolean::logicalOr);
            parts.merge(name, rest.startsWith(name + "/nodes/") ? 1 : 0, Integer::sum);
        }
        List<BackupSummary> out = new ArrayList<>();
        for (Map.Entry<String, Boolean> e : complete.entrySet()) {
            if (e.getValue()) {
                out.add(BackupSummary.of(manifest(e.getKey()).orElseThrow()));
            } else {
                out.add(new BackupSummary(e.getKey(), BackupSummary.INCOMPLETE, Optional.empty(), parts.get(e.getKey()), 0, 0, 0,
                        List.of()));
            }
        }
        return out;
    }

    /** The manifest of backup {@code name}, empty when it has none (never made, or not finished). */
    public Optional<BackupManifest> manifest(String name) throws IOException {
        BackupKeys.check(BackupLayout.manifest(service, name));
        Optional<byte[]> json = store.getBytes(BackupLayout.manifest(service, name));
        return json.isEmpty() ? Optional.empty() : Optional.of(BackupManifest.fromJson(json.get()));
    }
}
