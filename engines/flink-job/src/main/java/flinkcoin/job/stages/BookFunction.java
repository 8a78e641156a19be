package flinkcoin.job.stages;

import flinkcoin.job.records.MarketEvent;
import flinkcoin.job.records.Tick;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/** Stage 1 as a Flink KeyedProcessFunction keyed by product: the book and dedupe ids in ValueState. */
public class BookFunction extends KeyedProcessFunction<String, MarketEvent, Tick> {
  private transient ValueState<BookState> state;
  private transient Counters counters;

  @Override
  public void open(OpenContext openContext) {
    state = getRuntimeContext().getState(new ValueStateDescriptor<>("book", BookState.class));
    counters = new FlinkCounters(getRuntimeContext());
  }

  @Override
  public void processElement(MarketEvent e, Context ctx, Collector<Tick> out) throws Exception {
    BookState s = state.value();
    if (s == null) s = new BookState();
    for (Tick t : s.process(e, counters)) {
      t.createdAt = e.createdAt;
      t.ingestedAt = e.ingestedAt;
      out.collect(t);
    }
    state.update(s); // the heap backend keeps the object; update() is what a RocksDB backend needs
  }
}
