/**
 * The sides of a round in the order they run: rotated by one each round, so that each side goes
 * first as often as the others over a multiple of their number of rounds. The side that runs a round's
 * queries first reads their letters into PostgreSQL's buffers for the sides after it; always first, it
 * would always pay for the others' warm caches.
 */
export function inTurn<T>(sides: readonly T[], round: number): T[] {
  const shift = round % sides.length;
  return [...sides.slice(shift), ...sides.slice(0, shift)];
}
