package dev.berth.reservations;

/**
 * Bad input to the resource model: names the field, the value given and what is allowed, so that a
 * user who mistyped an agent's resources or a role sees at once what to write instead.
 */
public class InvalidResourceException extends IllegalArgumentException {
    private final String field;
    private final String value;
    private final String allowed;

    public InvalidResourceException(String field, String value, String allowed) {
        super(field + ": '" + value + "' is not valid; expected " + allowed);
        this.field = field;
        this.value = value;
        this.allowed = allowed;
    }

    public String field() {
        return field;
    }

    public String value() {
        return value;
    }

    public String allowed() {
        return allowed;
    }
}
