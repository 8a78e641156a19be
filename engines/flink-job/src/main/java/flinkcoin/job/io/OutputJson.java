package flinkcoin.job.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import flinkcoin.job.records.FeatureVector;
import flinkcoin.job.records.OutputRecord;
import flinkcoin.job.records.Prediction;
import flinkcoin.job.records.Scored;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The plan's three outputs as OutputRecords, each value's JSON fields in the order of its TypeScript
 * type (records.ts), so the adapter's `JSON.parse` gives objects whose digests match the emulated
 * engines'. Doubles are written as Java's round-trip repr, which JavaScript parses to the same bits;
 * ids are the plan's `idOf` (`product@start` / `product@target`).
 */
public final class OutputJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private OutputJson() {}

  public static OutputRecord features(FeatureVector f) {
    String json =
        write(
            g -> {
              g.writeStringField("product", f.product);
              g.writeNumberField("start", f.start);
              g.writeNumberField("end", f.end);
              g.writeNumberField("mid", f.mid);
              g.writeNumberField("logReturn", f.logReturn);
              g.writeArrayFieldStart("x");
              for (double v : f.x) g.writeNumber(v);
              g.writeEndArray();
            });
    return new OutputRecord("features", f.product + "@" + f.start, json, f.end - 1, f.createdAt, f.ingestedAt);
  }

  public static OutputRecord prediction(Prediction p) {
    String json =
        write(
            g -> {
              g.writeStringField("product", p.product);
              g.writeNumberField("madeAt", p.madeAt);
              g.writeNumberField("target", p.target);
              g.writeNumberField("predicted", p.predicted);
              g.writeNumberField("persistence", p.persistence);
              g.writeNumberField("modelAgeWindows", p.modelAgeWindows);
            });
    return new OutputRecord("predictions", p.product + "@" + p.target, json, p.target - 1, p.createdAt, p.ingestedAt);
  }

  public static OutputRecord scored(Scored s) {
    String json =
        write(
            g -> {
              g.writeStringField("product", s.product);
              g.writeNumberField("target", s.target);
              g.writeNumberField("predicted", s.predicted);
              g.writeNumberField("persistence", s.persistence);
              g.writeNumberField("actual", s.actual);
            });
    return new OutputRecord("scored", s.product + "@" + s.target, json, s.target - 1, s.createdAt, s.ingestedAt);
  }

  /** The whole record as the output topic's value. */
  public static String record(OutputRecord r) {
    return write(
        g -> {
          g.writeStringField("sink", r.sink);
          g.writeStringField("id", r.id);
          g.writeNumberField("ts", r.ts);
          g.writeNumberField("createdAt", r.createdAt);
          g.writeNumberField("ingestedAt", r.ingestedAt);
          g.writeFieldName("value");
          g.writeRawValue(r.json == null ? "null" : r.json);
        });
  }

  private interface Fields {
    void write(JsonGenerator g) throws IOException;
  }

  private static String write(Fields fields) {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(w)) {
      g.writeStartObject();
      fields.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }
}
