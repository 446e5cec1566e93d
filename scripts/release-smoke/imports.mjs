// Imports every packed package through its ESM entry and checks that it exports something.
const names = process.argv.slice(2);
for (const name of names) {
  const mod = await import(name);
  const keys = Object.keys(mod);
  if (keys.length === 0) throw new Error(`${name} (ESM) exports nothing`);
  console.log(`ESM ${name}: ${keys.length} exports`);
}
