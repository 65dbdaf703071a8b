package dev.berth.core.protocol;

/**
 * One line of {@code berth package describe}: an option's dotted key, its type, its default, what
 * values are allowed, what it is for, and (when describing a service's options) its current value.
 * All text, ready to print; an empty default means the option has none.
 */
public record OptionRow(String key, String type, String defaultValue, String allowed, String description,
                        String value) {
}
