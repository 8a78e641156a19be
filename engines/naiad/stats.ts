/**
 * Engine-level counts for the report's `metrics`: what the execution model spent, summed over workers.
 * They survive a rollback (they measure work done, including work that was rolled back).
 */
export class NaiadStats {
  /** Data messages (batches of records sharing a timestamp) handed to a channel. */
  messagesSent = 0;
  /** Records in those messages. */
  recordsSent = 0;
  /** Records that crossed to another worker on an Exchange channel. */
  recordsExchanged = 0;
  /** Most records queued at operator inputs at once, summed over the dataflow (sampled per step). */
  maxQueuedRecords = 0;
  /** Progress batches broadcast, and the pointstamp changes they carried. */
  progressBatchesSent = 0;
  progressUpdatesSent = 0;
  /** Most active pointstamps in any worker's view (sampled per step). */
  maxActivePointstamps = 0;
  notificationsDelivered = 0;
  /** Input records and, of those, the ones older than their input's open epoch (sent at the open epoch). */
  eventsIngested = 0;
  recordsBehindEpoch = 0;
  /** Times an input handle advanced its epoch (advance_to), summed over handles. */
  epochAdvances = 0;
  stepsRun = 0;
  checkpoints = 0;
  checkpointBytes = 0;
  /** Wall time the whole computation stood still for checkpoints (drain + snapshot). */
  checkpointPauseMs = 0;
  rollbacks = 0;
  /** Scheduler turns in which an input skipped reading because a sink was stalled. */
  backpressuredTurns = 0;
}
