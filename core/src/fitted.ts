/**
 * A list built with `push`, at its exact size. V8 gives a list 16 slots on its first `push`; a
 * suite's maps, sequences, expectations and captures, and a step result's expectations, mostly
 * hold one to four items and live as long as the document or the run, so that slack was about a
 * tenth of a parsed suite's memory (and copied by every scavenge while it was young). Long lists
 * are left as they are.
 */
export function fitted<T>(items: T[]): T[] {
  return items.length < 16 ? items.slice() : items;
}
