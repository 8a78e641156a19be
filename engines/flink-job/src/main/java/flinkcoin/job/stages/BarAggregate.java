package flinkcoin.job.stages;

import flinkcoin.job.records.Tick;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Stage 2's incremental window aggregation (Flink's AggregateFunction over BarAcc). */
public class BarAggregate implements AggregateFunction<Tick, BarAcc, BarAcc> {
  @Override
  public BarAcc createAccumulator() {
    return new BarAcc();
  }

  @Override
  public BarAcc add(Tick t, BarAcc acc) {
    return acc.add(t);
  }

  @Override
  public BarAcc getResult(BarAcc acc) {
    return acc;
  }

  @Override
  public BarAcc merge(BarAcc a, BarAcc b) {
    throw new UnsupportedOperationException("tumbling windows never merge");
  }
}
