package flinkcoin.job.stages;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;

/**
 * The workload's counters as Flink accumulators (summed over subtasks by the JobManager), which the
 * job's main reads from its JobClient and hands to the adapter for the EngineReport's counters.
 */
public final class FlinkCounters implements Counters {
  private final RuntimeContext context;
  private final Map<String, LongCounter> counters = new HashMap<>();

  public FlinkCounters(RuntimeContext context) {
    this.context = context;
  }

  @Override
  public void inc(String name) {
    counters.computeIfAbsent(name, context::getLongCounter).add(1L);
  }
}
