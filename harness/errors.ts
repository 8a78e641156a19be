/**
 * FlinkCoin's typed errors (after kafkajs): every error has a `name`, says whether retrying can help
 * (`retriable`), keeps its `cause`, and carries structured fields rather than only an interpolated string.
 */
import type { RejectKind } from '../datasets/reject-kinds.js';

export class FlinkCoinError extends Error {
  readonly retriable: boolean;

  constructor(message: string, options: { retriable?: boolean; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.retriable = options.retriable ?? false;
  }
}

/** A plan that no engine can run: duplicate names, missing sink, a node with the wrong inputs. */
export class PlanValidationError extends FlinkCoinError {}

/** An engine met a plan node it does not implement (Beam's "not implemented in runner"). */
export class UnsupportedOperatorError extends FlinkCoinError {
  constructor(
    readonly engine: string,
    readonly operator: string,
  ) {
    super(`operator ${operator} is not implemented in engine ${engine}`);
  }
}

/** Bad configuration or CLI input: says which setting and why. */
export class ConfigError extends FlinkCoinError {
  constructor(
    message: string,
    readonly setting?: string,
  ) {
    super(message);
  }
}

/** One bad input line: where it is, which field is wrong, and what kind of problem it is. */
export class DatasetParseError extends FlinkCoinError {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly field: string,
    readonly reason: string,
    readonly kind: RejectKind = 'malformed',
  ) {
    super(`${file}:${line}: field "${field}": ${reason}`);
  }
}

/**
 * A whole file that cannot be read as market data: in no known format, or not in the format forced with
 * `--format`. Unlike a bad line (counted and set aside) this stops the run: nothing in it can be replayed.
 */
export class DatasetFormatError extends FlinkCoinError {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly field: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
  }
}

/** Normalises anything thrown into an Error (as tinybench's toError). */
export function toError(thrown: unknown): Error {
  return thrown instanceof Error ? thrown : new Error(String(thrown));
}

/**
 * No Kafka broker answered at the configured addresses within the connection timeout. Retriable: the
 * broker may just not be up yet. The message names the addresses and how to start the local broker.
 */
export class KafkaUnreachableError extends FlinkCoinError {
  constructor(
    readonly brokers: readonly string[],
    cause: unknown,
  ) {
    super(
      `no Kafka broker answered at ${brokers.join(', ')}; start the local one with \`npm run kafka:start\` ` +
        'or point --kafka-brokers at a running cluster',
      { retriable: true, cause },
    );
  }
}
