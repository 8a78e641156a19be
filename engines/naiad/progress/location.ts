/**
 * Locations [NAIAD §2.3]: where a pointstamp sits. Naiad's locations are vertices and edges; as in
 * timely, the edges into one input port share a location (their downstream is the same), named by the
 * port. Every location gets a dense index so that progress structures are plain arrays.
 *
 *   { node: 3, port: { kind: 'target', index: 1 } }  records in flight to input 1 of node 3
 *   { node: 3, port: { kind: 'vertex' } }            what node 3 holds: notification requests (and, for
 *                                                    an input, its open epoch) — Naiad's vertex pointstamps,
 *                                                    timely's capabilities at the node's outputs
 */
export type Port = { readonly kind: 'target'; readonly index: number } | { readonly kind: 'vertex' };

/** A pointstamp's location: a node's input port or the node itself. */
export interface Location {
  readonly node: number;
  readonly port: Port;
}

/** Display form, for errors and tests: `3.in1`, `3.vertex`. */
export function locationName(l: Location): string {
  return l.port.kind === 'vertex' ? `${l.node}.vertex` : `${l.node}.in${l.port.index}`;
}
