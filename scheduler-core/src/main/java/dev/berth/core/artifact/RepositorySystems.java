package dev.berth.core.artifact;

import java.util.HashMap;
import java.util.Map;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.internal.impl.LegacyTrackingFileManager;
import org.eclipse.aether.internal.impl.TrackingFileManager;
import org.eclipse.aether.named.NamedLockFactory;
import org.eclipse.aether.supplier.RepositorySystemSupplier;

/**
 * Creates the Maven Resolver {@link RepositorySystem} (Resolver 2 with Maven 3 models), without
 * dependency injection.
 *
 * <p>Why not plain {@code new RepositorySystemSupplier().get()}; two overrides:
 * <ul>
 *   <li>Tracking file manager: in Resolver 2.0.17 the supplier builds it through
 *       {@code TrackingFileManagerProvider}, which implements {@code javax.inject.Provider};
 *       {@code javax.inject} is only an optional (provided) dependency of the resolver, so that
 *       fails with {@code NoClassDefFoundError: javax/inject/Provider} (apache/maven-resolver#1858,
 *       fixed after 2.0.17). The override creates the object the provider creates by default
 *       ({@code aether.system.trackingFileManager.name=legacy}) directly. Drop it once the resolver
 *       is upgraded past 2.0.17.</li>
 *   <li>Named lock factories: adds {@link KeptFileLockFactory} (name {@value KeptFileLockFactory#NAME})
 *       next to the stock ones; {@link ResolverSessions} selects it.</li>
 * </ul>
 */
final class RepositorySystems {

    private RepositorySystems() {
    }

    static RepositorySystem create() {
        return new RepositorySystemSupplier() {
            @Override
            protected TrackingFileManager createTrackingFileManager() {
                return new LegacyTrackingFileManager();
            }

            @Override
            protected Map<String, NamedLockFactory> createNamedLockFactories() {
                Map<String, NamedLockFactory> factories = new HashMap<>(super.createNamedLockFactories());
                factories.put(KeptFileLockFactory.NAME, KeptFileLockFactory.jvmWide());
                return factories;
            }
        }.get();
    }
}
