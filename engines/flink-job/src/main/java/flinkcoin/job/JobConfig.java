package flinkcoin.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import flinkcoin.job.model.Model;
import flinkcoin.job.model.PersistenceModel;
import flinkcoin.job.model.RidgeModel;
import flinkcoin.job.model.SgdModel;
import java.io.IOException;
import java.util.Base64;

/**
 * What the adapter (engines/flink-real/) tells the job, as one JSON object passed base64-encoded in
 * `--spec`, so the same arguments work for a local JVM and for a jar run through Flink's REST API:
 * Kafka brokers and topics, the sink's transactional-id prefix, the model and the workload config
 * (already resolved with its defaults by the harness), parallelism, and checkpointing.
 */
public final class JobConfig {
  /** Event time of the end-of-input marker: far beyond any market data, below overflow. */
  public static final long END_TS = 1L << 60;

  public final String brokers;
  public final String inputTopic;
  public final String outputTopic;
  public final String transactionalIdPrefix;
  public final String model;
  public final JsonNode workload;
  public final long windowMs;
  public final long maxOutOfOrdernessMs;
  public final long joinExpiryWindows;
  public final int parallelism;
  public final long checkpointIntervalMs;
  public final String checkpointDir;
  public final String savepointDir;
  public final int checkpointsRetained;
  public final long autoWatermarkIntervalMs;
  public final long bufferTimeoutMs;

  private JobConfig(JsonNode n) {
    brokers = req(n, "brokers").asText();
    inputTopic = req(n, "inputTopic").asText();
    outputTopic = req(n, "outputTopic").asText();
    transactionalIdPrefix = req(n, "transactionalIdPrefix").asText();
    model = req(n, "model").asText();
    workload = req(n, "workload");
    windowMs = req(workload, "windowMs").asLong();
    maxOutOfOrdernessMs = req(workload, "maxOutOfOrdernessMs").asLong();
    joinExpiryWindows = req(workload, "joinExpiryWindows").asLong();
    parallelism = req(n, "parallelism").asInt();
    checkpointIntervalMs = req(n, "checkpointIntervalMs").asLong();
    checkpointDir = n.path("checkpointDir").asText("");
    savepointDir = n.path("savepointDir").asText("");
    checkpointsRetained = n.path("checkpointsRetained").asInt(2);
    autoWatermarkIntervalMs = n.path("autoWatermarkIntervalMs").asLong(200);
    bufferTimeoutMs = n.path("bufferTimeoutMs").asLong(100);
  }

  public static JobConfig parse(String json) throws IOException {
    return new JobConfig(new ObjectMapper().readTree(json));
  }

  public static JobConfig fromBase64(String spec) throws IOException {
    return parse(new String(Base64.getDecoder().decode(spec), java.nio.charset.StandardCharsets.UTF_8));
  }

  /** The model named by the spec with its parameters (workloadConfig.ridge / .sgd). */
  public Model<?> buildModel() {
    switch (model) {
      case "persistence":
        return new PersistenceModel();
      case "linear": {
        JsonNode r = req(workload, "ridge");
        return new RidgeModel(
            req(r, "windowSize").asInt(), req(r, "refitEvery").asInt(), req(r, "lambda").asDouble(), req(r, "minSamples").asInt());
      }
      case "sgd": {
        JsonNode s = req(workload, "sgd");
        return new SgdModel(
            req(s, "schedule").asText(),
            req(s, "learningRate").asDouble(),
            req(s, "power").asDouble(),
            req(s, "interceptLr").asDouble(),
            req(s, "l2").asDouble(),
            req(s, "clipGradient").asDouble());
      }
      default:
        throw new IllegalArgumentException(
            "model \"" + model + "\" has no Java twin; the real Flink job runs persistence, linear and sgd");
    }
  }

  private static JsonNode req(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) throw new IllegalArgumentException("job spec: missing field \"" + field + "\"");
    return v;
  }
}
