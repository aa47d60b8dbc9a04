/**
 * What a backend author implements: {@link Stores} gathers the store interfaces of one
 * group ({@link LeaderStore}, {@link JobStore}, {@link DatasetStore}, {@link CacheStore},
 * {@link LoadStore}, {@link MemberStore}) and each backend (Redis, in memory) provides
 * them. Applications do not call these types; the only one they meet is
 * {@link LeaderToken}, the proof of leadership that {@code Leadership.token()} hands out.
 * A backend proves itself against the contract suite in this package's tests.
 */
@NullMarked
package dev.bellwether.spi;

import org.jspecify.annotations.NullMarked;
