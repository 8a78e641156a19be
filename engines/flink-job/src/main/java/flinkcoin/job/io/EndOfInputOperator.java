package flinkcoin.job.io;

import flinkcoin.job.records.OutputRecord;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * The last operator before the Kafka sink: passes outputs through, and when the watermark reaches the
 * adapter's end-of-input marker time it emits one END record. Flink forwards a watermark only after
 * every window and timer it fired has emitted (and only once all input channels reached it), so END
 * follows every real output; with the sink's transactions, a read_committed consumer that sees END has
 * seen everything. (The Kafka source of an unbounded job never finishes on its own.)
 */
public class EndOfInputOperator extends AbstractStreamOperator<OutputRecord>
    implements OneInputStreamOperator<OutputRecord, OutputRecord> {
  private final long endWatermark;
  private boolean ended;

  public EndOfInputOperator(long endWatermark) {
    this.endWatermark = endWatermark;
  }

  @Override
  public void processElement(StreamRecord<OutputRecord> element) {
    output.collect(element);
  }

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    super.processWatermark(mark);
    if (!ended && mark.getTimestamp() >= endWatermark) {
      ended = true;
      output.collect(new StreamRecord<>(new OutputRecord(OutputRecord.END, OutputRecord.END, null, 0, 0, 0)));
    }
  }
}
