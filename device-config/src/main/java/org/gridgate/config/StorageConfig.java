package org.gridgate.config;

import java.nio.file.Path;

/**
 * Where the journal lives and how much it may keep.
 *
 * @param identityKeyFile the secret used to hash identities; created on first start if absent
 */
public record StorageConfig(Path journal, Path identityKeyFile, int retentionDays, long diskBudgetMb) {}
