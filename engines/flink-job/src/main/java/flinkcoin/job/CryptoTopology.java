package flinkcoin.job;

import flinkcoin.job.io.EndOfInputOperator;
import flinkcoin.job.io.MarketEventDeserializer;
import flinkcoin.job.io.OutputJson;
import flinkcoin.job.io.OutputSerializer;
import flinkcoin.job.records.FeatureVector;
import flinkcoin.job.records.MarketEvent;
import flinkcoin.job.records.OutputRecord;
import flinkcoin.job.records.Prediction;
import flinkcoin.job.records.Scored;
import flinkcoin.job.stages.BarAggregate;
import flinkcoin.job.stages.BarWindowFunction;
import flinkcoin.job.stages.BookFunction;
import flinkcoin.job.stages.FeaturesFunction;
import flinkcoin.job.stages.ModelFunction;
import flinkcoin.job.stages.ScoreJoin;
import java.time.Duration;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

/**
 * The crypto predictor's plan (workloads/crypto/plan.ts) as a Flink DataStream graph:
 *
 *   Kafka(market) ─keyBy(product)─▶ book ─▶ bars[tumbling event-time window] ─▶ features ─┬─▶ model ─▶ predictions ─┐
 *                                                                                          └───────────────────────┴─▶ score[join]
 *   features ∪ predictions ∪ scored ─▶ end-of-input ─▶ KafkaSink(EXACTLY_ONCE, transactions per checkpoint)
 *
 * Watermarks: Flink's bounded-out-of-orderness generator (max timestamp − bound − 1), emitted every
 * pipeline.auto-watermark-interval; windows fire at end − 1, as the plan says; late ticks are dropped by
 * the window operator (Flink's numLateRecordsDropped metric), as the plan's allowed lateness 0.
 */
public final class CryptoTopology {
  private CryptoTopology() {}

  public static void build(StreamExecutionEnvironment env, JobConfig cfg) {
    KafkaSource<MarketEvent> source =
        KafkaSource.<MarketEvent>builder()
            .setBootstrapServers(cfg.brokers)
            .setTopics(cfg.inputTopic)
            .setGroupId(cfg.transactionalIdPrefix)
            .setStartingOffsets(OffsetsInitializer.earliest())
            .setDeserializer(new MarketEventDeserializer())
            .setProperty("isolation.level", "read_committed")
            .setProperty("fetch.max.wait.ms", "5")
            .build();
    WatermarkStrategy<MarketEvent> watermarks =
        WatermarkStrategy.<MarketEvent>forBoundedOutOfOrderness(Duration.ofMillis(cfg.maxOutOfOrdernessMs))
            .withTimestampAssigner((e, previous) -> e.kind.equals(MarketEvent.END) ? JobConfig.END_TS : (long) Math.floor(e.time));
    DataStream<MarketEvent> market =
        env.fromSource(source, watermarks, "market")
            .setParallelism(1)
            .uid("market")
            // The end marker has moved the watermark; it carries no market data.
            .filter(e -> !e.kind.equals(MarketEvent.END))
            .setParallelism(1)
            .uid("market-data");

    DataStream<FeatureVector> features =
        market
            .keyBy(e -> e.product)
            .process(new BookFunction())
            .uid("book")
            .name("book")
            .keyBy(t -> t.product)
            .window(TumblingEventTimeWindows.of(Duration.ofMillis(cfg.windowMs)))
            .aggregate(new BarAggregate(), new BarWindowFunction())
            .uid("bars")
            .name("bars")
            .keyBy(b -> b.product)
            .process(new FeaturesFunction())
            .uid("features")
            .name("features");
    DataStream<Prediction> predictions =
        features.keyBy(f -> f.product).process(new ModelFunction<>(cfg.buildModel())).uid("model").name("model");
    DataStream<Scored> scored =
        predictions
            .connect(features)
            .keyBy(p -> p.product, f -> f.product)
            .process(new ScoreJoin(cfg.joinExpiryWindows * cfg.windowMs))
            .uid("score")
            .name("score");

    DataStream<OutputRecord> outputs =
        features
            .map(OutputJson::features)
            .uid("out-features")
            .union(
                predictions.map(OutputJson::prediction).uid("out-predictions"),
                scored.map(OutputJson::scored).uid("out-scored"));
    long endWatermark = JobConfig.END_TS - cfg.maxOutOfOrdernessMs - 1;
    outputs
        .transform("end-of-input", TypeInformation.of(OutputRecord.class), new EndOfInputOperator(endWatermark))
        .setParallelism(1)
        .uid("end-of-input")
        .sinkTo(sink(cfg))
        .setParallelism(1)
        .uid("sink")
        .name("kafka-sink");
  }

  private static KafkaSink<OutputRecord> sink(JobConfig cfg) {
    Properties producer = new Properties();
    // Below the broker's transaction.max.timeout.ms (15 min); Flink's docs ask for it with EXACTLY_ONCE.
    producer.setProperty("transaction.timeout.ms", "600000");
    producer.setProperty("linger.ms", "0");
    return KafkaSink.<OutputRecord>builder()
        .setBootstrapServers(cfg.brokers)
        .setRecordSerializer(new OutputSerializer(cfg.outputTopic))
        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .setTransactionalIdPrefix(cfg.transactionalIdPrefix)
        .setKafkaProducerConfig(producer)
        .build();
  }
}
