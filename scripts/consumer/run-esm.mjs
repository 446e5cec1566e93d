// The installed packages from ESM: every entry loads, errors are recognised across the ESM and
// CJS copies, and the desk checks run end to end over pcscd + vpcd.
import { createRequire } from 'node:module';
import { checkEntries, checkErrorBrands, doctorBin } from './entries.cjs';
import { runDeskChecks } from './desk-flow.cjs';

const require = createRequire(import.meta.url);
const label = `ESM, node ${process.version}`;
const load = (specifier) => import(specifier);
await checkEntries(label, load);
await checkErrorBrands(label, load, async (specifier) => require(specifier));
await runDeskChecks({
  label,
  doctorBin: doctorBin(require),
  pkgs: {
    eligibility: await load('@onshikit/eligibility'),
    readerPcsc: await load('@onshikit/reader-pcsc'),
    simulator: await load('@onshikit/simulator'),
    simulatorService: await load('@onshikit/simulator-service'),
    storeSqlite: await load('@onshikit/store-sqlite'),
  },
});
