// The installed packages from CommonJS: the same checks as run-esm.mjs through `require`.
'use strict';
const { checkEntries, checkErrorBrands, doctorBin } = require('./entries.cjs');
const { runDeskChecks } = require('./desk-flow.cjs');

async function main() {
  const label = `CJS, node ${process.version}`;
  const load = async (specifier) => require(specifier);
  await checkEntries(label, load);
  await checkErrorBrands(label, load, (specifier) => import(specifier));
  await runDeskChecks({
    label,
    doctorBin: doctorBin(require),
    pkgs: {
      eligibility: require('@onshikit/eligibility'),
      readerPcsc: require('@onshikit/reader-pcsc'),
      simulator: require('@onshikit/simulator'),
      simulatorService: require('@onshikit/simulator-service'),
      storeSqlite: require('@onshikit/store-sqlite'),
    },
  });
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
