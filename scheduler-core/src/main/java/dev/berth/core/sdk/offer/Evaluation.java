package dev.berth.core.sdk.offer;

import dev.berth.core.protocol.Offer;
import dev.berth.core.protocol.Operation;
import dev.berth.core.protocol.PodInstanceRecord;
import dev.berth.core.protocol.TaskInfo;
import java.util.List;

/** The answer of offer evaluation for one step: an accept to make, or why no offer fits. */
public sealed interface Evaluation {
    /** Accept {@code offer} with {@code operations}; afterwards the instance lives as {@code instance}. */
    record Accept(Offer offer, List<Operation> operations, PodInstanceRecord instance, List<TaskInfo> launched)
            implements Evaluation {
    }

    /** No offer fits; {@code why} names, per agent, the resource short and by how much, or the rule. */
    record NoFit(String why) implements Evaluation {
    }
}
