/**
 * Packages and their options. A {@link dev.berth.core.pkg.Package} is a folder ({@code package.yaml},
 * {@code svc.yaml}, {@code options.json}, {@code templates/}) found by the
 * {@link dev.berth.core.pkg.PackageRepository} on the classpath under {@code packages/} or in a
 * directory on disk. {@link dev.berth.core.pkg.Options} are a service's option values, merged from the
 * schema's defaults, an options file and {@code --set KEY=VALUE}, and validated against the package's
 * {@link dev.berth.core.pkg.OptionsSchema}.
 *
 * <p>Note: import {@code dev.berth.core.pkg.Package} by name; with {@code dev.berth.core.pkg.*} it is
 * ambiguous with {@code java.lang.Package}.
 */
package dev.berth.core.pkg;
