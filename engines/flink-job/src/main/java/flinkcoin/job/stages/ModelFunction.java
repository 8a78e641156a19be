package flinkcoin.job.stages;

import flinkcoin.job.model.Model;
import flinkcoin.job.records.FeatureVector;
import flinkcoin.job.records.Prediction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/** Stage 4 keyed by product: the model's parameters and the previous window in ValueState. */
public class ModelFunction<S> extends KeyedProcessFunction<String, FeatureVector, Prediction> {
  private final Model<S> model;
  private transient ValueState<S> state;
  private transient ValueState<Prequential.Previous> prev;
  private transient Prequential<S> prequential;

  public ModelFunction(Model<S> model) {
    this.model = model;
  }

  @Override
  public void open(OpenContext openContext) {
    state = getRuntimeContext().getState(new ValueStateDescriptor<>("model", model.stateClass()));
    prev = getRuntimeContext().getState(new ValueStateDescriptor<>("prev", Prequential.Previous.class));
    prequential = new Prequential<>(model);
  }

  @Override
  public void processElement(FeatureVector f, Context ctx, Collector<Prediction> out) throws Exception {
    S s = state.value();
    if (s == null) s = model.init(f.x.length);
    Prequential.Previous p = prev.value();
    if (p == null) p = new Prequential.Previous();
    Prediction prediction = prequential.step(s, p, f);
    state.update(s);
    prev.update(p);
    out.collect(prediction);
  }
}
