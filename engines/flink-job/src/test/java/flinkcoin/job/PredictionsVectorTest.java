package flinkcoin.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import flinkcoin.job.model.Model;
import flinkcoin.job.records.FeatureVector;
import flinkcoin.job.records.Prediction;
import flinkcoin.job.stages.Prequential;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The linear (ridge) and SGD models of the Java twin, fed the TypeScript workload's features in order,
 * against the TypeScript predictions: every prediction within 1e-9 relative, and the same model age.
 */
class PredictionsVectorTest {
  @ParameterizedTest
  @ValueSource(strings = {"linear", "sgd"})
  void predictionsMatchTheTypeScriptWorkload(String modelName) throws Exception {
    Model<?> model = modelFor(modelName);
    List<JsonNode> expected = Vectors.lines("predictions-" + modelName + ".jsonl");
    List<JsonNode> features = Vectors.lines("features.jsonl");
    assertEquals(features.size(), expected.size());
    Map<String, JsonNode> byId = new HashMap<>();
    for (JsonNode p : expected) byId.put(p.get("id").asText(), p.get("value"));
    int refitted = check(model, features, byId);
    if (modelName.equals("linear")) assertTrue(refitted > 3, "the vectors should cover several ridge refits, saw " + refitted);
  }

  /** Runs the model per product over the features; returns how many predictions came from a fresh fit. */
  private static <S> int check(Model<S> model, List<JsonNode> features, Map<String, JsonNode> expected) {
    Map<String, S> states = new HashMap<>();
    Map<String, Prequential.Previous> prev = new HashMap<>();
    Prequential<S> prequential = new Prequential<>(model);
    int fresh = 0;
    for (JsonNode line : features) {
      FeatureVector f = feature(line.get("value"));
      S state = states.computeIfAbsent(f.product, p -> model.init(f.x.length));
      Prediction p = prequential.step(state, prev.computeIfAbsent(f.product, k -> new Prequential.Previous()), f);
      String id = p.product + "@" + p.target;
      JsonNode exp = expected.get(id);
      assertTrue(exp != null, "no expected prediction " + id);
      assertEquals(exp.get("madeAt").asLong(), p.madeAt, id);
      assertEquals(exp.get("modelAgeWindows").asInt(), p.modelAgeWindows, id + " modelAgeWindows");
      double want = exp.get("predicted").asDouble();
      assertTrue(Vectors.close(want, p.predicted), id + " predicted: expected " + want + ", got " + p.predicted);
      assertEquals(exp.get("persistence").asDouble(), p.persistence, id);
      if (p.modelAgeWindows == 0 && p.predicted != 0) fresh++;
    }
    return fresh;
  }

  private static FeatureVector feature(JsonNode v) {
    FeatureVector f = new FeatureVector();
    f.product = v.get("product").asText();
    f.start = v.get("start").asLong();
    f.end = v.get("end").asLong();
    f.mid = v.get("mid").asDouble();
    f.logReturn = v.get("logReturn").asDouble();
    f.x = new double[v.get("x").size()];
    for (int j = 0; j < f.x.length; j++) f.x[j] = v.get("x").get(j).asDouble();
    return f;
  }

  /** The model as the job builds it from its spec, with the vectors' workload config. */
  private static Model<?> modelFor(String name) throws Exception {
    ObjectNode spec = Vectors.JSON.createObjectNode();
    spec.put("brokers", "-").put("inputTopic", "-").put("outputTopic", "-").put("transactionalIdPrefix", "-");
    spec.put("model", name).put("parallelism", 1).put("checkpointIntervalMs", 1000);
    spec.set("workload", Vectors.config().get("workload"));
    String b64 = Base64.getEncoder().encodeToString(Vectors.JSON.writeValueAsBytes(spec));
    return JobConfig.fromBase64(b64).buildModel();
  }
}
