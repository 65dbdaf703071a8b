package dev.berth.kafka;

import dev.berth.core.pkg.OptionRules;
import dev.berth.core.pkg.ReleaseVersion;
import dev.berth.core.sdk.hooks.PackageAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.FeatureMetadata;
import org.apache.kafka.clients.admin.FeatureUpdate;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.clients.admin.SupportedVersionRange;
import org.apache.kafka.clients.admin.UpdateFeaturesOptions;
import org.apache.kafka.common.TopicPartition;

/**
 * The steps a Kafka update plan ends with. After a version upgrade every broker runs the new release
 * but keeps the old metadata version, so a downgrade is still possible; finalizing the new metadata
 * version is what cannot be undone, so it is held back for an SRE. After a scale-up the new brokers
 * are empty; spreading the partitions onto them moves data, and runs at once (as a job of its own, since
 * the moves last as long as the data takes to copy).
 */
final class KafkaActions {
    static final String FINALIZE = "finalize-metadata";
    static final String SPREAD = "spread-partitions";
    private static final String METADATA_VERSION = "metadata.version";

    private KafkaActions() {
    }

    /** What an update from {@code before} to {@code after} (the options) ends with. */
    static List<PackageAction> after(Map<String, Object> before, Map<String, Object> after) {
        List<PackageAction> out = new ArrayList<>();
        Optional<ReleaseVersion> was = version(before);
        Optional<ReleaseVersion> now = version(after);
        if (was.isPresent() && now.isPresent() && now.get().compareTo(was.get()) > 0) {
            out.add(new PackageAction(FINALIZE, "finalize the metadata version of Kafka " + after.get("kafka.version")
                    + " (no downgrade after it)", true));
        }
        if (count(after) > count(before)) {
            out.add(new PackageAction(SPREAD, "spread the partitions onto brokers " + count(before) + ".."
                    + (count(after) - 1), false));
        }
        return out;
    }

    /**
     * Raises the finalized metadata version to the highest every broker supports; empty once it is there.
     * The controllers refuse a level some broker does not support, which the answer then says.
     */
    static Optional<String> finalizeMetadata(Admin admin, Duration timeout) {
        FeatureMetadata features = KafkaAdmins.await(admin.describeFeatures().featureMetadata(), timeout);
        SupportedVersionRange supported = features.supportedFeatures().get(METADATA_VERSION);
        FinalizedVersionRange finalized = features.finalizedFeatures().get(METADATA_VERSION);
        if (supported == null || finalized == null) {
            return Optional.of("the brokers do not report a " + METADATA_VERSION + " yet");
        }
        short target = supported.maxVersion();
        if (finalized.maxVersionLevel() >= target) {
            return Optional.empty();
        }
        KafkaAdmins.await(admin.updateFeatures(Map.of(METADATA_VERSION, new FeatureUpdate(target,
                FeatureUpdate.UpgradeType.UPGRADE)), new UpdateFeaturesOptions()).all(), timeout);
        return Optional.of(METADATA_VERSION + " level " + finalized.maxVersionLevel() + " -> " + target + " asked");
    }

    /**
     * One step of spreading the partitions: while a reassignment runs, which partitions it moves; else asks
     * to move the partitions whose replicas are not where {@link SpreadPlan} puts them. Empty once every
     * partition is there and no reassignment runs. Repeated by the hooks' spread job until then.
     */
    static Optional<String> spreadPartitions(Admin admin, Duration timeout) {
        Map<TopicPartition, ?> running = KafkaAdmins.await(admin.listPartitionReassignments().reassignments(), timeout);
        if (!running.isEmpty()) {
            return Optional.of("moving " + running.size() + " partitions: " + running.keySet().stream()
                    .map(TopicPartition::toString).sorted().limit(5).collect(Collectors.joining(", ")));
        }
        ClusterReader cluster = new ClusterReader(admin, timeout);
        Map<PartitionState, List<Integer>> moves = SpreadPlan.moves(List.copyOf(cluster.brokerIds()), cluster.partitions());
        if (moves.isEmpty()) {
            return Optional.empty();
        }
        Map<TopicPartition, Optional<NewPartitionReassignment>> asked = new java.util.HashMap<>();
        moves.forEach((p, replicas) -> asked.put(new TopicPartition(p.topic(), p.partition()),
                Optional.of(new NewPartitionReassignment(replicas))));
        KafkaAdmins.await(admin.alterPartitionReassignments(asked).all(), timeout);
        return Optional.of("asked to move " + moves.size() + " partitions");
    }

    private static Optional<ReleaseVersion> version(Map<String, Object> options) {
        return Optional.ofNullable(options.get("kafka.version")).flatMap(ReleaseVersion::of);
    }

    private static int count(Map<String, Object> options) {
        return OptionRules.number(options.get("brokers.count")).orElse(0L).intValue();
    }
}
