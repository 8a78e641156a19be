package flinkcoin.job.stages;

import flinkcoin.job.records.Bar;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Gives the aggregated window its key and bounds: one Bar per product and window (bars.ts `result`). */
public class BarWindowFunction extends ProcessWindowFunction<BarAcc, Bar, String, TimeWindow> {
  @Override
  public void process(String product, Context ctx, Iterable<BarAcc> accs, Collector<Bar> out) {
    TimeWindow w = ctx.window();
    for (BarAcc acc : accs) out.collect(acc.result(product, w.getStart(), w.getEnd()));
  }
}
