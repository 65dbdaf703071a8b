package dev.berth.core.framework;

import dev.berth.core.protocol.Offer;
import dev.berth.core.protocol.TaskStatus;
import java.util.List;

/**
 * What a framework hears from the master. Calls for one framework come one at a time, in order, on
 * a thread of their own, so a framework may call back into its {@link FrameworkDriver} from here.
 */
public interface Scheduler {
    /**
     * Registered, or registered again after a master failover: offers received before this call
     * came from a master that is gone and are void. The first callback of every registration, with
     * the driver to call the master through from here on (as Mesos hands its scheduler the driver),
     * so a framework never hears of offers or tasks before it can answer them.
     */
    void registered(FrameworkDriver driver, String frameworkId);

    void offers(List<Offer> offers);

    void rescinded(String offerId);

    /** Delivered at least once, until acknowledged with {@link FrameworkDriver#acknowledge}. */
    void statusUpdate(TaskStatus status);

    /** A call was refused (an accept whose operations failed validation, for one). */
    void error(String message);

    /**
     * The last callback of a registration: the master it was made with dropped it (its leadership term
     * ended, the framework registered again, or its session went silent). Nothing more comes until the
     * framework registers again.
     */
    default void disconnected() {
    }
}
