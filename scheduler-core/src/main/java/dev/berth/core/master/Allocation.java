package dev.berth.core.master;

import dev.berth.reservations.Resources;

/** One decision of an allocation cycle: these resources of this agent go to this framework as an offer. */
public record Allocation(String frameworkId, String agentId, Resources resources) {
}
