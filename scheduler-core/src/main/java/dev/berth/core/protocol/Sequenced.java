package dev.berth.core.protocol;

/** An item of a confirmed stream (agent commands, framework events) with its sequence number. */
public record Sequenced<T>(long sequence, T item) {
}
