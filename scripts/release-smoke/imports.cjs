// Requires every packed package through its CJS entry and checks that it exports something.
const names = process.argv.slice(2);
for (const name of names) {
  const mod = require(name);
  const keys = Object.keys(mod);
  if (keys.length === 0) throw new Error(`${name} (CJS) exports nothing`);
  console.log(`CJS ${name}: ${keys.length} exports`);
}
