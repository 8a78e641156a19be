package flinkcoin.job.stages;

/** Where the workload's functions count what they drop (Flink accumulators in the job, a map in tests). */
public interface Counters {
  void inc(String name);
}
