/**
 * Where Cassandra backups are kept: {@link dev.berth.cassandra.backup.BackupStore}, a space of keys to
 * immutable files with atomic writes, as a directory ({@code DirectoryStore}) or an S3-compatible bucket
 * ({@code S3Store}, AWS SDK v2). {@link dev.berth.cassandra.backup.BackupLocation} parses the service's
 * {@code backup.*} options, {@link dev.berth.cassandra.backup.BackupStores} opens the store they name.
 * Backup and restore plans write and read through this package only; it knows nothing of Cassandra.
 */
package dev.berth.cassandra.backup;
