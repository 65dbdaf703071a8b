package dev.berth.core.pkg;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A secret a package declares in {@code package.yaml}: Berth generates its value when the service is
 * installed (or when an update first brings the declaration), keeps it in the service's state store,
 * and hands it to the config templates as {@code {{secrets.NAME}}} and to the package's hooks. A
 * database superuser password is the example. A {@code given} secret is not generated: it is what
 * someone else issued (an object store's access key), set by an operator with {@code berth secret SVC
 * NAME --set-from FILE}, and empty in templates until then.
 *
 * @param name        what templates and the API call it: lower-case letters, digits and '_'
 * @param description what it is for, shown by {@code berth secrets SERVICE}
 * @param given       set by an operator, never generated
 */
public record SecretSpec(String name, String description, boolean given) {
    public SecretSpec(String name, String description) {
        this(name, description, false);
    }

    /** Names usable in a Mustache tag and a URL path as they are. */
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    public SecretSpec {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("secret name '" + name
                    + "' is not valid; use lower-case letters, digits and '_', starting with a letter");
        }
        description = description == null ? "" : description;
    }
}
