package flinkcoin.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import flinkcoin.job.io.MarketEventParser;
import flinkcoin.job.records.Bar;
import flinkcoin.job.records.FeatureVector;
import flinkcoin.job.records.MarketEvent;
import flinkcoin.job.records.Tick;
import flinkcoin.job.stages.BarAcc;
import flinkcoin.job.stages.BookState;
import flinkcoin.job.stages.Features;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Book → bars → features of the Java twin against the TypeScript workload's features for the same
 * events. Windows fire as the reference engine fires them (watermark = max event time − bound − 1 after
 * every event; a tick for a window already fired is late), so the late drops agree too.
 */
class FeaturesVectorTest {
  @Test
  void featuresMatchTheTypeScriptWorkload() throws Exception {
    JsonNode workload = Vectors.config().get("workload");
    long windowMs = workload.get("windowMs").asLong();
    long bound = workload.get("maxOutOfOrdernessMs").asLong();
    Map<String, BookState> books = new HashMap<>();
    Map<String, TreeMap<Long, BarAcc>> open = new HashMap<>();
    Map<String, Double> prevClose = new HashMap<>();
    Map<String, Integer> counters = new HashMap<>();
    Map<String, FeatureVector> actual = new LinkedHashMap<>();
    double maxTs = Double.NEGATIVE_INFINITY;
    double wm = Double.NEGATIVE_INFINITY;
    for (JsonNode line : Vectors.lines("events.jsonl")) {
      MarketEvent e = MarketEventParser.parse(line);
      BookState book = books.computeIfAbsent(e.product, p -> new BookState());
      for (Tick t : book.process(e, name -> counters.merge(name, 1, Integer::sum))) {
        long start = windowStart(t.time, windowMs);
        if (start + windowMs - 1 <= wm) {
          counters.merge("window.lateDropped", 1, Integer::sum);
          continue;
        }
        open.computeIfAbsent(t.product, p -> new TreeMap<>()).computeIfAbsent(start, s -> new BarAcc()).add(t);
      }
      maxTs = Math.max(maxTs, e.time);
      wm = Math.max(wm, maxTs - bound - 1);
      fire(open, wm, windowMs, prevClose, actual);
    }
    fire(open, Double.POSITIVE_INFINITY, windowMs, prevClose, actual);

    List<JsonNode> expected = Vectors.lines("features.jsonl");
    assertEquals(expected.size(), actual.size(), "feature count");
    assertEquals(Vectors.config().get("counters").path("input.duplicates").asInt(), counters.getOrDefault("input.duplicates", 0));
    for (JsonNode exp : expected) {
      String id = exp.get("id").asText();
      FeatureVector f = actual.get(id);
      assertTrue(f != null, "missing feature " + id);
      JsonNode v = exp.get("value");
      assertEquals(v.get("start").asLong(), f.start, id);
      assertEquals(v.get("end").asLong(), f.end, id);
      assertClose(v.get("mid").asDouble(), f.mid, id + " mid");
      assertClose(v.get("logReturn").asDouble(), f.logReturn, id + " logReturn");
      for (int j = 0; j < f.x.length; j++) assertClose(v.get("x").get(j).asDouble(), f.x[j], id + " x[" + j + "]");
    }
  }

  /** Fires every open window whose end − 1 ≤ wm, per product in window order (the reference's order). */
  private static void fire(
      Map<String, TreeMap<Long, BarAcc>> open, double wm, long windowMs, Map<String, Double> prevClose, Map<String, FeatureVector> out) {
    for (Map.Entry<String, TreeMap<Long, BarAcc>> product : open.entrySet()) {
      TreeMap<Long, BarAcc> windows = product.getValue();
      while (!windows.isEmpty() && windows.firstKey() + windowMs - 1 <= wm) {
        Map.Entry<Long, BarAcc> w = windows.pollFirstEntry();
        Bar bar = w.getValue().result(product.getKey(), w.getKey(), w.getKey() + windowMs);
        FeatureVector f = Features.of(bar, prevClose.get(bar.product));
        prevClose.put(bar.product, bar.close);
        out.put(f.product + "@" + f.start, f);
      }
    }
  }

  /** workloads/plan/windows.ts `windowStart` (Flink's getWindowStartWithOffset), on fractional times. */
  private static long windowStart(double ts, long size) {
    double remainder = ts % size;
    return (long) (remainder < 0 ? ts - (remainder + size) : ts - remainder);
  }

  private static void assertClose(double expected, double actual, String what) {
    assertTrue(Vectors.close(expected, actual), what + ": expected " + expected + ", got " + actual);
  }
}
