package flinkcoin.job.io;

import flinkcoin.job.records.OutputRecord;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** An OutputRecord as an output-topic message: key = the output id, value = the record's JSON. */
public class OutputSerializer implements KafkaRecordSerializationSchema<OutputRecord> {
  private final String topic;

  public OutputSerializer(String topic) {
    this.topic = topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(OutputRecord r, KafkaSinkContext context, Long timestamp) {
    return new ProducerRecord<>(
        topic,
        null,
        r.ts,
        r.id.getBytes(StandardCharsets.UTF_8),
        OutputJson.record(r).getBytes(StandardCharsets.UTF_8));
  }
}
