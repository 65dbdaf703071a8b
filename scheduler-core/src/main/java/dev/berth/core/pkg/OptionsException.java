package dev.berth.core.pkg;

import dev.berth.core.spec.SpecException;
import dev.berth.core.spec.Violation;
import java.util.List;

/**
 * Options a user gave that the package's schema refuses: an unknown option, a value of the wrong type,
 * a value out of range. Each {@link Violation} names the option key ({@code hello.count}), the value
 * and what is allowed. Nothing was installed or changed when it is thrown.
 */
public class OptionsException extends SpecException {
    public OptionsException(String headline, List<Violation> violations) {
        super(headline, violations);
    }
}
