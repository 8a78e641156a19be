package flinkcoin.job.stages;

import flinkcoin.job.records.Bar;
import flinkcoin.job.records.FeatureVector;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/** Stage 3 keyed by product: the previous window's close in ValueState (features-process.ts). */
public class FeaturesFunction extends KeyedProcessFunction<String, Bar, FeatureVector> {
  private transient ValueState<Double> prevClose;

  @Override
  public void open(OpenContext openContext) {
    prevClose = getRuntimeContext().getState(new ValueStateDescriptor<>("prevClose", Double.class));
  }

  @Override
  public void processElement(Bar bar, Context ctx, Collector<FeatureVector> out) throws Exception {
    FeatureVector f = Features.of(bar, prevClose.value());
    prevClose.update(bar.close);
    out.collect(f);
  }
}
