// The end-to-end checks a vendor's first program does, run on the INSTALLED packages. The caller
// loads the packages (from ESM with `import`, from CJS with `require`) and passes them in, so one
// flow exercises both builds. Real pcscd + vsmartcard-vpcd, the virtual card, the simulated
// eligibility service over HTTP, a SQLite store in a temp folder, and the doctor bin.
'use strict';
const { execFile } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');

function fail(message) {
  throw new Error(`consumer: ${message}`);
}

/** Runs `onshikit doctor --json` as a child process (async: the vpcd bridge lives in this event loop). */
function runDoctor(doctorBin) {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [doctorBin, 'doctor', '--json', '--lang', 'en', '--timeout', '20'],
      { timeout: 60_000 },
      (error, stdout, stderr) => {
        // Exit code 1 means "a problem found": the JSON says which, so read it either way.
        if (error && error.code !== 1) return reject(new Error(`doctor failed to run: ${error.message}\n${stderr}`));
        try {
          resolve(JSON.parse(stdout));
        } catch {
          reject(new Error(`doctor --json printed no JSON:\n${stdout}\n${stderr}`));
        }
      },
    );
  });
}

/**
 * @param {{ label: string, doctorBin: string, pkgs: Record<string, any> }} options
 */
async function runDeskChecks({ label, doctorBin, pkgs }) {
  const { eligibility, readerPcsc, simulator, simulatorService, storeSqlite } = pkgs;
  const card = await simulator.VirtualMyNumberCard.create(simulator.cardProfiles.standard());
  const population = new simulatorService.SimulatedPopulation();
  const server = await simulatorService.startSimulatedEligibilityServer({ population });
  const dir = mkdtempSync(path.join(tmpdir(), 'onshikit-consumer-'));
  const store = storeSqlite.SqliteRececonStore.open({ filename: path.join(dir, 'rececon.sqlite') });
  let stack;
  try {
    stack = await simulator.startPcscStack({ card });

    // 1. The support desk's check, from the installed bin.
    const report = await runDoctor(doctorBin);
    const failed = (report.findings || []).filter((f) => f.severity !== 'ok' && f.severity !== 'info');
    if (report.ok !== true || report.card?.kind !== 'mynumber-card') {
      fail(
        `${label}: doctor did not find the card: ${JSON.stringify({ ok: report.ok, verdict: report.verdict, failed })}`,
      );
    }
    console.log(
      `${label}: doctor --json: ${report.verdict}, card ${report.card.kind}, auth PIN tries ${report.card.authPin?.triesLeft}`,
    );

    // 2. A 目視 and a 暗証番号 check through pcscd + vpcd, saved to SQLite.
    for (const [mode, scenario, percent] of [
      ['visual', 'late-elderly', 10],
      ['pin', 'preschool', 20],
    ]) {
      population.assign(card.authCertificateSerial, scenario);
      const workflow = new eligibility.ReceptionWorkflow({
        service: new eligibility.HttpEligibilityService({ baseUrl: server.url }),
        cards: eligibility.transportCardSource(({ signal }) => readerPcsc.waitForCard({ signal, timeout: 20_000 })),
        pinSource: eligibility.createCallbackPinSource(() => simulator.TEST_PINS.auth),
        store,
        settings: { institutionCode: '1312345678', identityMode: mode },
      });
      const check = workflow.startCheck({
        onEvent: (e) => e.type === 'visual-confirmation-required' && check.confirmVisual(),
      });
      const summary = await check.done;
      if (summary.state !== 'done' || summary.outcome !== 'valid' || !summary.saved) {
        fail(
          `${label}: ${mode} check: ${JSON.stringify({ state: summary.state, outcome: summary.outcome, error: summary.error?.code })}`,
        );
      }
      if (summary.result.burdenRatio.percent !== percent)
        fail(`${label}: ${mode}: burden ${summary.result.burdenRatio.percent}% (expected ${percent}%)`);
      console.log(
        `${label}: ${mode} check over PC/SC: ${summary.outcome}, burden ${percent}%, saved ${summary.checkId}`,
      );
    }

    // 3. 事後閲覧: the day's checks read back from the store.
    const page = await store.listChecks({});
    const modes = page.items
      .map((r) => r.mode)
      .sort()
      .join(',');
    if (page.items.length !== 2 || modes !== 'pin,visual' || page.items.some((r) => r.outcome !== 'valid')) {
      fail(`${label}: history holds ${JSON.stringify(page.items.map((r) => ({ mode: r.mode, outcome: r.outcome })))}`);
    }
    console.log(`${label}: 事後閲覧: ${page.items.length} checks read back from SQLite`);
  } finally {
    await stack?.stop();
    await store.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { runDeskChecks };
