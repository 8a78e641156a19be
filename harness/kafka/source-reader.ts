/**
 * The engine-facing reader of a Kafka input: the open-loop driver's pacing, with Kafka offsets as the
 * position. `position()` is the next offset per partition after the last event *emitted* (an event the
 * driver has read but is holding until it is due is not counted), plus the driver's event index under
 * `@index` so pacing resumes where it was; `seek()` rewinds the consumer to those offsets. A
 * checkpointing engine stores the position with its state and seeks back to it on recovery.
 */
import type { MarketEvent } from '../../datasets/events.js';
import type { Emit, PollResult, SourcePosition, SourceReader } from '../../engines/contract.js';
import { OpenLoopSource, type Pacing } from '../driver/open-loop-source.js';
import { FlinkCoinError } from '../errors.js';
import type { KafkaInput, KafkaPosition } from './input.js';

const INDEX = '@index';

export class KafkaSourceReader implements SourceReader<MarketEvent> {
  private readonly driver: OpenLoopSource<MarketEvent>;

  constructor(
    private readonly input: KafkaInput,
    pacing: Pacing,
    startAt: number,
  ) {
    this.driver = new OpenLoopSource(input, pacing, startAt);
  }

  poll(now: number, max: number, emit: Emit<MarketEvent>): PollResult {
    return this.driver.poll(now, max, emit);
  }

  position(): KafkaPosition {
    return { ...this.input.offsets(this.driver.holding), [INDEX]: this.driver.position() as number };
  }

  seek(position: SourcePosition): void {
    // 0 is the generic "from the start" every source accepts.
    if (position === 0) {
      this.driver.seek(0);
      return;
    }
    if (typeof position !== 'object' || typeof position[INDEX] !== 'number')
      throw new FlinkCoinError(
        `a Kafka source seeks to a position from position(), got ${JSON.stringify(position)}`,
      );
    const { [INDEX]: index, ...offsets } = position;
    this.input.seekOffsets(offsets, index);
    this.driver.resumeAt(index);
  }
}
