package flinkcoin.job.io;

import flinkcoin.job.records.MarketEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The Kafka source's deserializer: the record value is the event, the `createdAt` header the open-loop
 * driver's intended emission time; `ingestedAt` is stamped here, when Flink's source reads the record
 * (processing-time latency is measured from it, as for the emulated engines' sources).
 */
public class MarketEventDeserializer implements KafkaRecordDeserializationSchema<MarketEvent> {
  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<MarketEvent> out) throws IOException {
    MarketEvent e = MarketEventParser.parse(record.value());
    Header created = record.headers().lastHeader("createdAt");
    e.createdAt =
        created == null ? Double.NaN : Double.parseDouble(new String(created.value(), StandardCharsets.UTF_8));
    e.ingestedAt = System.currentTimeMillis();
    out.collect(e);
  }

  @Override
  public TypeInformation<MarketEvent> getProducedType() {
    return TypeInformation.of(MarketEvent.class);
  }
}
