package flinkcoin.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Entry point of the real-Flink run. Two ways in:
 *
 *   java -cp flinkcoin-flink-job.jar:lib/* flinkcoin.job.CryptoJob --spec B64 [--restore CHK_DIR]
 *     The harness adapter's local run: Flink's MiniCluster in this JVM. It reports on stdout, one
 *     `FLINKCOIN {json}` line each: submitted, running (with the checkpoint it restored from), and, once
 *     the adapter writes `stop` on stdin (it has read the END record), stops the job with a savepoint,
 *     prints its accumulators and exits 0 (retained checkpoints stay). A failed job prints `failed` and exits 1.
 *
 *   POST /jars/:id/run {programArgs: "--spec B64 --detached"} on a Flink cluster's REST API
 *     Submits to that cluster and returns; the adapter then follows the job through the REST API.
 */
public final class CryptoJob {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CryptoJob() {}

  public static void main(String[] args) throws Exception {
    String spec = null;
    String restore = null;
    boolean detached = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--spec" -> spec = args[++i];
        case "--restore" -> restore = args[++i];
        case "--detached" -> detached = true;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (spec == null) throw new IllegalArgumentException("--spec (base64 JSON job spec) is required");
    JobConfig cfg = JobConfig.fromBase64(spec);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(configuration(cfg, restore));
    CryptoTopology.build(env, cfg);
    JobClient job = env.executeAsync("flinkcoin crypto-predictor (" + cfg.model + ")");
    report("submitted", Map.of("jobId", job.getJobID().toString()));
    if (detached) return;
    awaitRunning(job);
    report("running", Map.of("jobId", job.getJobID().toString(), "restoredFrom", restore == null ? "" : restore));
    Thread failureWatch = new Thread(() -> watchForFailure(job), "flinkcoin-failure-watch");
    failureWatch.setDaemon(true);
    failureWatch.start();
    BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = stdin.readLine(); line != null; line = stdin.readLine()) {
      if (line.trim().equals("stop")) break;
    }
    // Stop with a savepoint (no drain: the END record is already out) rather than cancel: the job then
    // FINISHES and its result holds the final accumulators (a running job's reach the JobManager only
    // with TaskManager heartbeats, every 10 s).
    String savepoints = cfg.savepointDir.isEmpty() ? Files.createTempDirectory("flinkcoin-savepoints").toUri().toString() : cfg.savepointDir;
    job.stopWithSavepoint(false, savepoints, SavepointFormatType.CANONICAL).get(60, TimeUnit.SECONDS);
    Map<String, Object> counters = job.getJobExecutionResult().get(60, TimeUnit.SECONDS).getAllAccumulatorResults();
    ObjectNode fields = JSON.createObjectNode();
    fields.set("counters", JSON.valueToTree(counters));
    report("stopped", fields);
    System.exit(0);
  }

  static Configuration configuration(JobConfig cfg, String restore) {
    Configuration conf = new Configuration();
    conf.set(CoreOptions.DEFAULT_PARALLELISM, cfg.parallelism);
    conf.set(TaskManagerOptions.NUM_TASK_SLOTS, Math.max(1, cfg.parallelism));
    conf.set(PipelineOptions.AUTO_WATERMARK_INTERVAL, Duration.ofMillis(cfg.autoWatermarkIntervalMs));
    conf.set(ExecutionOptions.BUFFER_TIMEOUT, Duration.ofMillis(cfg.bufferTimeoutMs));
    // Exactly-once end to end needs checkpoints: the Kafka sink commits its transaction per checkpoint.
    conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(cfg.checkpointIntervalMs));
    conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
    if (!cfg.checkpointDir.isEmpty()) {
      conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
      conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, cfg.checkpointDir);
      conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, cfg.checkpointsRetained);
      conf.set(
          CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
          org.apache.flink.configuration.ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    }
    if (restore != null) conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restore);
    return conf;
  }

  private static void awaitRunning(JobClient job) throws Exception {
    for (;;) {
      JobStatus status = job.getJobStatus().get(30, TimeUnit.SECONDS);
      if (status == JobStatus.RUNNING) return;
      if (status.isGloballyTerminalState()) fail("job ended before running: " + status);
      Thread.sleep(20);
    }
  }

  private static void watchForFailure(JobClient job) {
    try {
      job.getJobExecutionResult().get();
    } catch (Exception e) {
      fail(String.valueOf(e.getCause() == null ? e : e.getCause()));
    }
  }

  private static void fail(String message) {
    report("failed", Map.of("message", message));
    System.exit(1);
  }

  private static synchronized void report(String event, Object fields) {
    ObjectNode line = JSON.createObjectNode();
    line.put("event", event);
    line.put("at", System.currentTimeMillis());
    line.setAll((ObjectNode) JSON.valueToTree(fields));
    System.out.println("FLINKCOIN " + line);
    System.out.flush();
  }
}
