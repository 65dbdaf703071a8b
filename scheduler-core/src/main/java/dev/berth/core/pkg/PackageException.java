package dev.berth.core.pkg;

import dev.berth.core.spec.SpecException;
import dev.berth.core.spec.Violation;
import java.util.List;

/**
 * A package that cannot be used: a file missing or malformed ({@code packages/hello/options.json:
 * line 3, column 5: …}), or a package name that no repository holds. Each violation names the file or
 * field at fault.
 */
public class PackageException extends SpecException {
    public PackageException(String headline, List<Violation> violations) {
        super(headline, violations);
    }
}
