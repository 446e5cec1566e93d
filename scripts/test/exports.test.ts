/**
 * The public surface of every package, entry by entry (issue 17): a snapshot of the sorted export
 * names (values and types), so a new or removed export shows in review, and no name exported by
 * two packages. After a deliberate change: `pnpm exec vitest run --config scripts/vitest.config.ts
 * test/exports.test.ts -u`, and review the snapshot diff.
 * @module
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type AllowedReexport, collisions, type ExportedName, exportedNames, packageEntries } from './export-names.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');

/**
 * Names a package may export although another package declares them: a plain re-export of the
 * owner's declaration, for consumers who should not need the lower package. None today: a
 * package that uses `LocalizedMessage` imports it from `@onshikit/apdu`. Add a row only on purpose.
 */
const ALLOWED_REEXPORTS: readonly AllowedReexport[] = [];

/** Entries that wrap an optional peer (noble, a React Native NFC module): loading may fail only with a clear message. */
const OPTIONAL_PEER_ENTRIES = new Map([
  ['@onshikit/reader-ble/noble', /noble/i],
  ['@onshikit/reader-ble/phone-nfc', /nfc/i],
]);

const entries = packageEntries(repoRoot);
let cached: ExportedName[] | undefined;
/** Type-checking every package takes a while on 2 cores: once for the whole file. */
const names = (): ExportedName[] => (cached ??= exportedNames(repoRoot, entries));

describe('exports of every entry of every package', () => {
  it('lists each entry of each exports map from its source', () => {
    expect(entries.length).toBeGreaterThan(11);
    expect(entries.map((e) => e.specifier)).toContain('@onshikit/portal-forms/wareki');
  });

  it('snapshots the sorted export names of each entry (a new export is a decision, seen in review)', () => {
    const all = names();
    for (const entry of entries) {
      const list = all
        .filter((item) => item.specifier === entry.specifier)
        .map((item) => item.name)
        .sort();
      expect(list.length, entry.specifier).toBeGreaterThan(0);
      expect(list).toMatchSnapshot(entry.specifier);
    }
  }, 300_000);

  it('exports no name from two packages, but a listed re-export of the owner', () => {
    expect(collisions(names(), ALLOWED_REEXPORTS)).toEqual([]);
    // Every allowed row is still a real re-export (a stale row would hide a future collision).
    for (const row of ALLOWED_REEXPORTS) {
      const owners = names().filter((item) => item.name === row.name && item.pkg === row.owner);
      const copies = names().filter((item) => item.name === row.name && item.pkg === row.reexporter);
      expect(owners.length, row.name).toBeGreaterThan(0);
      expect(copies.map((c) => c.declaration)).toEqual(copies.map(() => owners[0]?.declaration));
    }
  }, 300_000);

  it('imports every entry at run time, and each runtime export is in the list', async () => {
    const all = names();
    for (const entry of entries) {
      let mod: Record<string, unknown>;
      try {
        mod = (await import(entry.source)) as Record<string, unknown>;
      } catch (error) {
        const allowed = OPTIONAL_PEER_ENTRIES.get(entry.specifier);
        if (allowed?.test(String((error as Error).message))) continue;
        throw error;
      }
      const listed = new Set(all.filter((item) => item.specifier === entry.specifier).map((item) => item.name));
      const missing = Object.keys(mod).filter((key) => key !== 'default' && !listed.has(key));
      expect(missing, entry.specifier).toEqual([]);
    }
  }, 300_000);
});

describe('the collision check', () => {
  const at = (name: string, pkg: string, declaration: string): ExportedName => ({
    name,
    pkg,
    specifier: `@onshikit/${pkg}`,
    declaration,
  });

  it('fails on one name declared in two packages', () => {
    const found = collisions(
      [
        at('PinState', 'mynumber', 'packages/mynumber/src/pin.ts:1'),
        at('PinState', 'simulator', 'packages/simulator/src/a.ts:2'),
      ],
      [],
    );
    expect(found).toEqual([
      'PinState: mynumber (@onshikit/mynumber, packages/mynumber/src/pin.ts:1), simulator (@onshikit/simulator, packages/simulator/src/a.ts:2)',
    ]);
  });

  it('fails on an unlisted re-export and passes a listed one', () => {
    const reexport = [
      at('LocalizedMessage', 'apdu', 'packages/apdu/src/errors.ts:9'),
      at('LocalizedMessage', 'mynumber', 'packages/apdu/src/errors.ts:9'),
    ];
    expect(collisions(reexport, [])).toHaveLength(1);
    expect(collisions(reexport, [{ name: 'LocalizedMessage', owner: 'apdu', reexporter: 'mynumber' }])).toEqual([]);
    // A listed pair does not excuse a third package declaring its own.
    const third = [...reexport, at('LocalizedMessage', 'keypad-hid', 'packages/keypad-hid/src/errors.ts:9')];
    expect(collisions(third, [{ name: 'LocalizedMessage', owner: 'apdu', reexporter: 'mynumber' }])).toHaveLength(1);
  });

  it('lets one package export a name from several of its entries', () => {
    const names = [
      at('parseJapaneseDate', 'portal-forms', 'packages/portal-forms/src/japanese-calendar.ts:5'),
      {
        ...at('parseJapaneseDate', 'portal-forms', 'packages/portal-forms/src/japanese-calendar.ts:5'),
        specifier: '@onshikit/portal-forms/wareki',
      },
    ];
    expect(collisions(names, [])).toEqual([]);
  });
});
