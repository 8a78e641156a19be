package flinkcoin.job.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import flinkcoin.job.records.MarketEvent;
import java.io.IOException;

/**
 * Parses one input-topic value: a MarketEvent as the harness's JSON.stringify wrote it (the model of
 * datasets/events.ts), or the adapter's end-of-input marker `{"kind":"end"}`. A bad value fails with
 * the field it lacks, so a mismatch between the adapter and the job is named, not guessed.
 */
public final class MarketEventParser {
  private static final ObjectMapper JSON = new ObjectMapper();

  private MarketEventParser() {}

  public static MarketEvent parse(byte[] value) throws IOException {
    return parse(JSON.readTree(value));
  }

  public static MarketEvent parse(JsonNode n) {
    MarketEvent e = new MarketEvent();
    e.kind = text(n, "kind");
    if (e.kind.equals(MarketEvent.END)) return e;
    e.product = text(n, "product");
    e.time = num(n, "time");
    switch (e.kind) {
      case "trade":
        e.id = (long) num(n, "tradeId");
        e.price = num(n, "price");
        e.size = num(n, "size");
        break;
      case "book": {
        JsonNode changes = field(n, "changes");
        e.changes = new double[changes.size() * 3];
        for (int i = 0; i < changes.size(); i++) {
          JsonNode c = changes.get(i);
          e.changes[3 * i] = c.get(0).asText().equals("bid") ? 1 : 0;
          e.changes[3 * i + 1] = c.get(1).asDouble();
          e.changes[3 * i + 2] = c.get(2).asDouble();
        }
        break;
      }
      case "snapshot":
        e.bids = levels(field(n, "bids"));
        e.asks = levels(field(n, "asks"));
        break;
      case "ticker":
        e.id = (long) num(n, "sequence");
        e.bestBid = num(n, "bestBid");
        e.bestAsk = num(n, "bestAsk");
        if (n.hasNonNull("price")) e.price = n.get("price").asDouble();
        if (n.hasNonNull("bidSize")) e.bidSize = n.get("bidSize").asDouble();
        if (n.hasNonNull("askSize")) e.askSize = n.get("askSize").asDouble();
        break;
      case "candle":
        e.intervalMs = num(n, "intervalMs");
        e.open = num(n, "open");
        e.high = num(n, "high");
        e.low = num(n, "low");
        e.close = num(n, "close");
        e.volume = num(n, "volume");
        break;
      default:
        throw new IllegalArgumentException("market event: unknown kind \"" + e.kind + "\"");
    }
    return e;
  }

  private static double[] levels(JsonNode levels) {
    double[] flat = new double[levels.size() * 2];
    for (int i = 0; i < levels.size(); i++) {
      flat[2 * i] = levels.get(i).get(0).asDouble();
      flat[2 * i + 1] = levels.get(i).get(1).asDouble();
    }
    return flat;
  }

  private static JsonNode field(JsonNode n, String name) {
    JsonNode v = n.get(name);
    if (v == null || v.isNull()) throw new IllegalArgumentException("market event: missing field \"" + name + "\" in " + n);
    return v;
  }

  private static String text(JsonNode n, String name) {
    return field(n, name).asText();
  }

  private static double num(JsonNode n, String name) {
    JsonNode v = field(n, name);
    if (!v.isNumber()) throw new IllegalArgumentException("market event: field \"" + name + "\" is not a number in " + n);
    return v.asDouble();
  }
}
