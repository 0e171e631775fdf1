/**
 * Pushes `items` onto `target` one by one. `target.push(...items)` passes each
 * item as an argument of one call, and a call of some 100,000 arguments
 * overflows the stack: an inline code span of that many lines renders as
 * twice as many nodes.
 */
export function appendAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}
