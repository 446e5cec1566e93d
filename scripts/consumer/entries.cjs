// Checks on the installed packages that need no hardware: every entry of every exports map loads,
// and each error family is recognised across the ESM and CJS copies of a package (a vendor's app
// may get an error from a CJS dependency and test it with the ESM class, or the other way round).
'use strict';
const { readFileSync, readdirSync } = require('node:fs');
const path = require('node:path');

/** Every `@onshikit/*` specifier the installed exports maps offer (but `./package.json`). */
function installedEntries() {
  const scope = path.join(process.cwd(), 'node_modules', '@onshikit');
  const specifiers = [];
  for (const dir of readdirSync(scope).sort()) {
    const manifest = JSON.parse(readFileSync(path.join(scope, dir, 'package.json'), 'utf8'));
    for (const key of Object.keys(manifest.exports ?? { '.': null })) {
      if (key === './package.json') continue;
      specifiers.push(key === '.' ? manifest.name : `${manifest.name}${key.slice(1)}`);
    }
  }
  return specifiers;
}

/** Some subpaths wrap optional peers (noble, react-native NFC): loading them may fail only with a clear message. */
const OPTIONAL_PEER_ENTRIES = new Map([
  ['@onshikit/reader-ble/noble', /noble/i],
  ['@onshikit/reader-ble/phone-nfc', /nfc/i],
]);

async function checkEntries(label, load) {
  const specifiers = installedEntries();
  for (const specifier of specifiers) {
    let mod;
    try {
      mod = await load(specifier);
    } catch (error) {
      const allowed = OPTIONAL_PEER_ENTRIES.get(specifier);
      if (allowed?.test(String(error?.message))) continue;
      throw new Error(`consumer: ${label}: ${specifier} failed to load: ${error?.stack ?? error}`);
    }
    if (Object.keys(mod).filter((k) => k !== 'default' && k !== '__esModule').length === 0) {
      throw new Error(`consumer: ${label}: ${specifier} exports nothing`);
    }
  }
  console.log(`${label}: ${specifiers.length} entry points load`);
}

/** [package, class, constructor arguments, guard function or undefined]. */
const ERROR_FAMILIES = [
  ['@onshikit/apdu', 'ApduError', ['TLV_TRUNCATED', { offset: 3, detail: { need: 4, have: 1 } }]],
  ['@onshikit/apdu', 'TransportError', ['CARD_REMOVED']],
  ['@onshikit/mynumber', 'CardError', ['CARD_NOT_MYNUMBER']],
  ['@onshikit/eligibility', 'EligibilityError', ['CARD_PIN_WRONG'], 'isEligibilityError'],
  ['@onshikit/eligibility', 'StoreError', ['STORE_CLOSED'], 'isEligibilityError'],
  ['@onshikit/portal-forms', 'PortalFormsError', ['FORM_CHECK_DIGIT', { position: 7 }]],
  ['@onshikit/keypad-hid', 'KeypadError', ['KEYPAD_BUSY']],
  ['@onshikit/simulator', 'SimulatorError', ['CARD_PROFILE_INVALID', { field: 'pins.auth.value', reason: 'x' }]],
  ['@onshikit/simulator', 'PcscStackError', ['PCSC_STACK_MISSING']],
];

/**
 * Builds each error with the OTHER module system's copy of its package and checks it with this
 * one's `instanceof`, its guard and the shared `isOnshikitError` brand.
 */
async function checkErrorBrands(label, loadSelf, loadOther) {
  const apdu = await loadSelf('@onshikit/apdu');
  for (const [pkg, name, args, guard] of ERROR_FAMILIES) {
    const mine = await loadSelf(pkg);
    const theirs = await loadOther(pkg);
    if (mine[name] === theirs[name]) throw new Error(`consumer: ${label}: ${pkg} resolved to one copy for ESM and CJS`);
    const error = new theirs[name](...args);
    const checks = {
      instanceof: error instanceof mine[name],
      'instanceof Error': error instanceof Error,
      isOnshikitError: typeof apdu.isOnshikitError === 'function' && apdu.isOnshikitError(error),
      code: error.code === args[0],
      messages: typeof error.messages?.ja === 'string' && typeof error.messages?.en === 'string',
    };
    if (guard) checks[guard] = mine[guard](error);
    const failed = Object.entries(checks)
      .filter(([, ok]) => !ok)
      .map(([what]) => what);
    if (failed.length > 0)
      throw new Error(`consumer: ${label}: ${pkg} ${name} from the other module system fails: ${failed.join(', ')}`);
    // And a foreign family is not taken for this one.
    if (name !== 'TransportError' && new theirs[name](...args) instanceof apdu.TransportError) {
      throw new Error(`consumer: ${label}: ${name} passes as a TransportError`);
    }
  }
  console.log(`${label}: ${ERROR_FAMILIES.length} error classes recognised across the ESM and CJS copies`);
}

/** The installed `onshikit` bin of @onshikit/doctor (what `npx @onshikit/doctor` runs). */
function doctorBin(require) {
  const manifestPath = require.resolve('@onshikit/doctor/package.json');
  return path.join(path.dirname(manifestPath), require(manifestPath).bin.onshikit);
}

module.exports = { checkEntries, checkErrorBrands, doctorBin, installedEntries };
