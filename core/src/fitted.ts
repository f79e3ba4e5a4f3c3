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

/**
 * Short lists built at their exact size without growing one: a parser gathers the items of the
 * list it is reading on one stack that every list shares (nested lists stack above their
 * parent's items) and takes them off as a list of their own when it is done. Where `fitted`
 * copies a list that was grown, this makes one list only. One per parse; not for concurrent use.
 */
export class Gathering<T> {
  private readonly stack: T[] = [];
  private top = 0;

  /** Where the list about to be read starts. */
  get mark(): number {
    return this.top;
  }

  add(item: T): void {
    this.stack[this.top++] = item;
  }

  /** The item at `index` of the stack: items since a mark are at `mark` up to the current `mark`. */
  item(index: number): T {
    return this.stack[index];
  }

  /** The items added since `mark`, as their own list; they leave the stack. */
  take(mark: number): T[] {
    const items = this.stack.slice(mark, this.top);
    this.top = mark;
    return items;
  }
}
