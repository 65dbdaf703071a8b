package dev.berth.cassandra;

import java.util.Objects;

/**
 * What a hook does next about a long operation: nothing more ({@code DONE}), wait and say why
 * ({@code WAIT}), or start it on an instance ({@code START}, the message saying what starts).
 */
record Next(Kind kind, String instance, String message) {
    enum Kind {
        DONE, WAIT, START
    }

    Next {
        Objects.requireNonNull(kind, "kind");
        instance = instance == null ? "" : instance;
        message = message == null ? "" : message;
    }

    static Next done() {
        return new Next(Kind.DONE, "", "");
    }

    static Next waiting(String instance, String why) {
        return new Next(Kind.WAIT, instance, why);
    }

    static Next start(String instance, String what) {
        return new Next(Kind.START, instance, what);
    }
}
