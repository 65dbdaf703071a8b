package dev.berth.bench;

import com.netflix.fenzo.ConstraintEvaluator;
import com.netflix.fenzo.SchedulingResult;
import com.netflix.fenzo.TaskAssignmentResult;
import com.netflix.fenzo.TaskRequest;
import com.netflix.fenzo.TaskScheduler;
import com.netflix.fenzo.TaskTrackerState;
import com.netflix.fenzo.VMAssignmentResult;
import com.netflix.fenzo.VMTaskFitnessCalculator;
import com.netflix.fenzo.VirtualMachineCurrentState;
import com.netflix.fenzo.VirtualMachineLease;
import com.netflix.fenzo.plugins.BinPackingFitnessCalculators;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import org.apache.mesos.Protos;

/**
 * The placement benchmark's workload placed by Fenzo 1.0.1 (a benchmark dependency only), in the same
 * JVM: N leases of {@code cpus:16;mem:65536;disk:1000000;ports:[31000-32000]}, N tasks of cpus 1, mem
 * 1024, disk 1000 and one port, at most one task of the service per host (Berth's "unique agent", here a
 * constraint that reads the host's assigned and running tasks, which Fenzo keeps per host). Best-fit
 * scores every host with the cpu and memory bin packer; first-fit takes the first host that fits.
 * Every assignment is then told to Fenzo's task assigner, as a framework does before it launches.
 */
final class FenzoPlacement {
    private FenzoPlacement() {
    }

    static IntSupplier place(int n, boolean firstFit) {
        return place(n, firstFit, true);
    }

    /** With {@code unique} false, no constraint: Fenzo may put many tasks on a host (best-fit packs them). */
    static IntSupplier place(int n, boolean firstFit, boolean unique) {
        TaskScheduler.Builder builder = new TaskScheduler.Builder()
                .withLeaseOfferExpirySecs(1_000_000)
                .withLeaseRejectAction(lease -> { })
                .withFitnessCalculator(BinPackingFitnessCalculators.cpuMemBinPacker);
        if (firstFit) {
            builder.withFitnessGoodEnoughFunction(fitness -> true);
        }
        TaskScheduler scheduler = builder.build();
        List<VirtualMachineLease> leases = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            leases.add(new Lease("agent-" + a, "host-" + a));
        }
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tasks.add(new Task("node-" + i, unique));
        }
        return () -> schedule(scheduler, tasks, leases);
    }

    private static int schedule(TaskScheduler scheduler, List<Task> tasks, List<VirtualMachineLease> leases) {
        try {
            SchedulingResult result = scheduler.scheduleOnce(tasks, leases);
            int placed = 0;
            for (VMAssignmentResult vm : result.getResultMap().values()) {
                for (TaskAssignmentResult t : vm.getTasksAssigned()) {
                    scheduler.getTaskAssigner().call(t.getRequest(), vm.getHostname());
                    placed++;
                }
            }
            return placed;
        } finally {
            scheduler.shutdown();
        }
    }

    /** At most one task of the group on a host: the host's own lists of tasks say it. */
    private static final class UniqueHost implements ConstraintEvaluator {
        static final UniqueHost INSTANCE = new UniqueHost();

        @Override
        public String getName() {
            return "unique host";
        }

        @Override
        public Result evaluate(TaskRequest task, VirtualMachineCurrentState vm, TaskTrackerState state) {
            for (TaskAssignmentResult a : vm.getTasksCurrentlyAssigned()) {
                if (a.getRequest().taskGroupName().equals(task.taskGroupName())) {
                    return new Result(false, "a task of the group is assigned there");
                }
            }
            for (TaskRequest r : vm.getRunningTasks()) {
                if (r.taskGroupName().equals(task.taskGroupName())) {
                    return new Result(false, "a task of the group runs there");
                }
            }
            return new Result(true, "");
        }
    }

    private static final class Task implements TaskRequest {
        private final String id;
        private final boolean unique;
        private AssignedResources assigned;

        Task(String id, boolean unique) {
            this.id = id;
            this.unique = unique;
        }

        @Override public String getId() { return id; }
        @Override public String taskGroupName() { return "bench"; }
        @Override public double getCPUs() { return 1; }
        @Override public double getMemory() { return 1024; }
        @Override public double getNetworkMbps() { return 0; }
        @Override public double getDisk() { return 1000; }
        @Override public int getPorts() { return 1; }
        @Override public Map<String, Double> getScalarRequests() { return null; }
        @Override public Map<String, NamedResourceSetRequest> getCustomNamedResources() { return null; }
        @Override public List<? extends ConstraintEvaluator> getHardConstraints() { return unique ? List.of(UniqueHost.INSTANCE) : List.of(); }
        @Override public List<? extends VMTaskFitnessCalculator> getSoftConstraints() { return null; }
        @Override public void setAssignedResources(AssignedResources r) { assigned = r; }
        @Override public AssignedResources getAssignedResources() { return assigned; }
    }

    private static final class Lease implements VirtualMachineLease {
        private final String id;
        private final String host;

        Lease(String id, String host) {
            this.id = id;
            this.host = host;
        }

        @Override public String getId() { return id; }
        @Override public long getOfferedTime() { return 0; }
        @Override public String hostname() { return host; }
        @Override public String getVMID() { return id; }
        @Override public double cpuCores() { return 16; }
        @Override public double memoryMB() { return 65536; }
        @Override public double networkMbps() { return 0; }
        @Override public double diskMB() { return 1_000_000; }
        @Override public List<Range> portRanges() { return List.of(new Range(31000, 32000)); }
        @Override public Protos.Offer getOffer() { return null; }
        @Override public Map<String, Protos.Attribute> getAttributeMap() { return java.util.Collections.emptyMap(); }
        @Override public Double getScalarValue(String name) { return null; }
        @Override public Map<String, Double> getScalarValues() { return java.util.Collections.emptyMap(); }
    }
}
