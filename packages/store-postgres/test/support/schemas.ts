/** A fresh schema name per store, so every conformance case starts empty on one server. */
let n = 0;
export function freshSchema(prefix = 't'): string {
  n += 1;
  return `${prefix}_${process.pid}_${n}_${Math.floor(Math.random() * 1e6)}`;
}
