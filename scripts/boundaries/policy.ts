/**
 * The house rules on package boundaries (DEVELOPERS.md, "Layout and conventions"), as data.
 * `scripts/check-boundaries.ts` enforces them; change them here, in one reviewed place.
 */
export interface BoundaryPolicy {
  /**
   * For each package under `packages/`, the `@onshikit/*` packages its runtime code may use:
   * package.json `dependencies`/`peerDependencies`/`optionalDependencies` and imports in `src/`.
   * A package missing from this table fails the check until its place in the direction is decided.
   * Packages under `examples/` are applications and may use any package (but nothing may use them).
   */
  readonly allowed: Readonly<Record<string, readonly string[]>>;
  /**
   * Packages whose code must load in a browser (no top-level Node built-in import), with the
   * export subpaths that are Node-only. A Node-only subpath `./x` exempts `src/x.ts` and `src/x/**`
   * (the source entries come from the package.json exports map).
   */
  readonly browserSafe: Readonly<Record<string, readonly string[]>>;
  /** Violations known and scheduled: printed with their reason, not failing the check. */
  readonly known: readonly KnownViolation[];
}

/** A violation accepted for now; each names the work that removes it. */
export interface KnownViolation {
  readonly rule: string;
  /** The importing package. */
  readonly from: string;
  /** The imported package. */
  readonly to: string;
  readonly reason: string;
}

const apdu = '@onshikit/apdu';
const mynumber = '@onshikit/mynumber';
const portalForms = '@onshikit/portal-forms';
const eligibility = '@onshikit/eligibility';
const readerPcsc = '@onshikit/reader-pcsc';
const belowEligibility = [apdu, mynumber, portalForms, eligibility];

/** The rules of this repository. */
export const POLICY: BoundaryPolicy = {
  allowed: {
    [apdu]: [],
    [portalForms]: [],
    [mynumber]: [apdu],
    [readerPcsc]: [apdu],
    '@onshikit/reader-ble': [apdu],
    [eligibility]: [apdu, mynumber, portalForms],
    '@onshikit/store-sqlite': belowEligibility,
    '@onshikit/store-postgres': belowEligibility,
    '@onshikit/keypad-hid': belowEligibility,
    '@onshikit/doctor': [apdu, mynumber, readerPcsc],
    // The simulator stands in for the card and the reader adapters: one level, on apdu alone (the
    // conformance suite is the driver's, the simulated eligibility service is simulator-service).
    '@onshikit/simulator': [apdu],
    // The simulated eligibility service answers eligibility's clients; it may use the card simulator.
    '@onshikit/simulator-service': [...belowEligibility, '@onshikit/simulator'],
  },
  browserSafe: {
    [apdu]: [],
    [mynumber]: [],
    [portalForms]: [],
    [eligibility]: ['./node'],
  },
  known: [],
};
