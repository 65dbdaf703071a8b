package dev.berth.core.protocol;

import java.util.List;

/**
 * A {@link Scheduler} callback as data, for frameworks that talk to the master over HTTP: {@code
 * type} is REGISTERED, OFFERS, RESCINDED, UPDATE or ERROR, and the matching field is set.
 */
public record FrameworkEvent(String type, String frameworkId, List<Offer> offers, String offerId, TaskStatus status,
                             String message) {
    public static FrameworkEvent registered(String id) {
        return new FrameworkEvent("REGISTERED", id, null, null, null, null);
    }

    public static FrameworkEvent offers(List<Offer> offers) {
        return new FrameworkEvent("OFFERS", null, offers, null, null, null);
    }

    public static FrameworkEvent rescinded(String offerId) {
        return new FrameworkEvent("RESCINDED", null, null, offerId, null, null);
    }

    public static FrameworkEvent update(TaskStatus status) {
        return new FrameworkEvent("UPDATE", null, null, null, status, null);
    }

    public static FrameworkEvent error(String message) {
        return new FrameworkEvent("ERROR", null, null, null, null, message);
    }
}
