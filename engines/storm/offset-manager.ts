/**
 * Which source position a spout may commit (storm-kafka-client's OffsetManager): a position only when
 * every record read before it has had its tuple tree acked, so the highest *contiguous* acked offset,
 * never one with a gap below it. Records are numbered in the order the spout read them (`seq`, a
 * replay keeps its number); after each poll that read records the spout marks the reader's position
 * with the seq that follows the poll's last record. The committable position is the newest mark whose
 * records are all acked. Positions are opaque (engines/contract.ts SourcePosition: an index, or Kafka
 * offsets per partition), so they are kept as the reader gave them, never computed.
 *
 * A spout restarted from the committed position reads the records after it again: those whose trees
 * were in flight at the crash are processed twice (at-least-once), none is lost.
 */
import type { SourcePosition } from '../contract.js';

/** One spout task's acked records and position marks. */
export class OffsetManager {
  /** Every record with a lower seq is acked. */
  private firstUnacked = 0;
  /** Acked seqs at or above firstUnacked (acks arrive out of order). */
  private readonly ackedAhead = new Set<number>();
  /** Position marks not yet committable, oldest first: [seq after the poll's last record, position]. */
  private readonly marks: [number, SourcePosition][] = [];
  private committable: SourcePosition;

  constructor(start: SourcePosition) {
    this.committable = start;
  }

  /** The records before `seqEnd` have been read; the reader is at `position`. */
  mark(seqEnd: number, position: SourcePosition): void {
    this.marks.push([seqEnd, position]);
  }

  /** Record `seq`'s tuple tree completed. */
  ack(seq: number): void {
    if (seq !== this.firstUnacked) {
      if (seq > this.firstUnacked) this.ackedAhead.add(seq);
      return;
    }
    this.firstUnacked++;
    while (this.ackedAhead.delete(this.firstUnacked)) this.firstUnacked++;
  }

  /** The newest position whose records are all acked (the start position until one is). */
  position(): SourcePosition {
    let n = 0;
    while (n < this.marks.length && this.marks[n][0] <= this.firstUnacked) n++;
    if (n > 0) {
      this.committable = this.marks[n - 1][1];
      this.marks.splice(0, n);
    }
    return this.committable;
  }
}
