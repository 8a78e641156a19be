/**
 * Run-wide Storm figures, bumped by spouts, ackers and bolt executors and reported as the engine's
 * metrics (Storm's UI shows the same: emitted, acked, failed, complete latency).
 */
export class StormStats {
  /** Records read from the source readers (each once). */
  eventsIngested = 0;
  /** Spout tuples emitted, first emissions and replays. */
  spoutEmitted = 0;
  /** Spout tuples re-emitted because their tree failed or timed out. */
  replayedTuples = 0;
  /** Trees completed (the spout's ack). */
  ackedTrees = 0;
  /** Trees failed by a bolt (the spout's fail, reason FAILED). */
  failedTrees = 0;
  /** Trees the spout's pending map expired (the spout's fail, reason TIMEOUT). */
  timedOutTrees = 0;
  /** Sum of complete latencies (spout emit → ack) of acked trees, for the mean. */
  completeLatencyMsSum = 0;
  /** Most trees one spout had pending at once. */
  maxPendingTrees = 0;
  /** Data tuples bolts failed by fault injection (failEveryNthTuple). */
  injectedFails = 0;
  /** Data tuples bolts lost by fault injection (dropEveryNthTuple). */
  injectedDrops = 0;
  /** Checkpoint transactions committed, and rolled back, by stateful bolts' checkpoint spout. */
  checkpointsCommitted = 0;
  checkpointsRolledBack = 0;
}
