package dev.berth.core.master;

import dev.berth.reservations.Resource;
import dev.berth.reservations.Resources;

/**
 * The amounts that Dominant Resource Fairness compares: cpus, mem, disk and gpus as plain numbers, so
 * the allocator's hot loop does no collection arithmetic. A role's dominant share is the largest of
 * its fractions of the cluster's totals.
 */
record DominantShare(double cpus, double mem, double disk, double gpus) {
    static final DominantShare ZERO = new DominantShare(0, 0, 0, 0);

    static DominantShare of(Resources r) {
        return new DominantShare(r.scalar(Resource.CPUS).toDouble(), r.scalar(Resource.MEM).toDouble(),
                r.scalar(Resource.DISK).toDouble(), r.scalar(Resource.GPUS).toDouble());
    }

    DominantShare plus(DominantShare o) {
        return new DominantShare(cpus + o.cpus, mem + o.mem, disk + o.disk, gpus + o.gpus);
    }

    DominantShare minus(DominantShare o) {
        return new DominantShare(Math.max(0, cpus - o.cpus), Math.max(0, mem - o.mem),
                Math.max(0, disk - o.disk), Math.max(0, gpus - o.gpus));
    }

    /** The largest fraction of {@code total} this allocation holds. */
    double dominantFractionOf(DominantShare total) {
        return Math.max(Math.max(fraction(cpus, total.cpus), fraction(mem, total.mem)),
                Math.max(fraction(disk, total.disk), fraction(gpus, total.gpus)));
    }

    private static double fraction(double used, double total) {
        return total <= 0 ? 0 : used / total;
    }
}
