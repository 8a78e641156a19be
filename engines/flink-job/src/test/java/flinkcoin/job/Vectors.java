package flinkcoin.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the shared vectors test/vectors/ (written by scripts/flink-vectors.ts from the TypeScript workload). */
final class Vectors {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path DIR = Path.of(System.getProperty("flinkcoin.vectors", "../../test/vectors"));

  private Vectors() {}

  static JsonNode config() throws IOException {
    return JSON.readTree(DIR.resolve("config.json").toFile());
  }

  static List<JsonNode> lines(String file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(DIR.resolve(file))) if (!line.isBlank()) out.add(JSON.readTree(line));
    return out;
  }

  /** |a − b| ≤ 1e-9 · max(|a|, |b|), or both zero: the agreement bound. */
  static boolean close(double a, double b) {
    if (a == b) return true;
    return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
  }
}
