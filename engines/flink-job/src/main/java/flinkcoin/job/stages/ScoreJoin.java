package flinkcoin.job.stages;

import flinkcoin.job.records.FeatureVector;
import flinkcoin.job.records.Prediction;
import flinkcoin.job.records.Scored;
import java.util.Iterator;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The `score` join (the plan's join node as workloads/plan/normalize.ts lowers it): a prediction for
 * window `target` meets the features of the window starting there. Each side waits in MapState under its
 * join key until the other arrives; an event-time timer at `joinKey + expiry` drops what is unmatched
 * (counted as join.expiredLeft / join.expiredRight). The result carries the stamps of the arriving side.
 */
public class ScoreJoin extends KeyedCoProcessFunction<String, Prediction, FeatureVector, Scored> {
  private final long expiryMs;
  private transient MapState<Long, Prediction> left;
  private transient MapState<Long, FeatureVector> right;
  private transient Counters counters;

  public ScoreJoin(long expiryMs) {
    this.expiryMs = expiryMs;
  }

  @Override
  public void open(OpenContext openContext) {
    left = getRuntimeContext().getMapState(new MapStateDescriptor<>("l", Long.class, Prediction.class));
    right = getRuntimeContext().getMapState(new MapStateDescriptor<>("r", Long.class, FeatureVector.class));
    counters = new FlinkCounters(getRuntimeContext());
  }

  @Override
  public void processElement1(Prediction p, Context ctx, Collector<Scored> out) throws Exception {
    FeatureVector f = right.get(p.target);
    if (f == null) {
      left.put(p.target, p);
      ctx.timerService().registerEventTimeTimer(p.target + expiryMs);
      return;
    }
    right.remove(p.target);
    ctx.timerService().deleteEventTimeTimer(p.target + expiryMs);
    out.collect(combine(p, f, p.createdAt, p.ingestedAt));
  }

  @Override
  public void processElement2(FeatureVector f, Context ctx, Collector<Scored> out) throws Exception {
    Prediction p = left.get(f.start);
    if (p == null) {
      right.put(f.start, f);
      ctx.timerService().registerEventTimeTimer(f.start + expiryMs);
      return;
    }
    left.remove(f.start);
    ctx.timerService().deleteEventTimeTimer(f.start + expiryMs);
    out.collect(combine(p, f, f.createdAt, f.ingestedAt));
  }

  @Override
  public void onTimer(long time, OnTimerContext ctx, Collector<Scored> out) throws Exception {
    expire(left.iterator(), time, "join.expiredLeft");
    expire(right.iterator(), time, "join.expiredRight");
  }

  private <V> void expire(Iterator<Map.Entry<Long, V>> entries, long time, String counter) {
    while (entries.hasNext()) {
      if (entries.next().getKey() + expiryMs <= time) {
        entries.remove();
        counters.inc(counter);
      }
    }
  }

  private static Scored combine(Prediction p, FeatureVector f, double createdAt, double ingestedAt) {
    Scored s = new Scored();
    s.product = p.product;
    s.target = p.target;
    s.predicted = p.predicted;
    s.persistence = p.persistence;
    s.actual = f.logReturn;
    s.createdAt = createdAt;
    s.ingestedAt = ingestedAt;
    return s;
  }
}
