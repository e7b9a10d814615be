/**
 * Durable live updates: a write-ahead log with group commit ({@link dev.linr.live.WriteAheadLog}),
 * atomic snapshots as ordinary model archives, and recovery of an index from the newest snapshot
 * plus the log after it ({@link dev.linr.live.DurableIndex}).
 */
package dev.linr.live;
