/**
 * Records filled from keys a user or a server wrote (variables, captures, headers, rows, bodies):
 * `__proto__`, `constructor` and `prototype` are plain keys there, never a prototype.
 */

/** Sets an own property, also for `__proto__` (whose assignment would replace the prototype). */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__')
    Object.defineProperty(record, key, { value, writable: true, enumerable: true, configurable: true });
  else record[key] = value;
}

/** An own property's value; never one inherited from Object.prototype (`constructor`…). */
export function getOwn<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}
