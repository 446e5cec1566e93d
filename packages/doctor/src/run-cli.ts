import { parseCliArgs, usage } from './args.js';
import { runDoctor, type DoctorPcscPort } from './diagnose.js';
import { formatReport } from './format.js';

/** Where {@link runCli} writes and which PC/SC port it uses (tests inject both). */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** The PC/SC port; default the real one (@onshikit/reader-pcsc, loaded lazily). */
  port?: () => DoctorPcscPort | Promise<DoctorPcscPort>;
  now?: Date;
}

/**
 * Runs `onshikit <argv>` and returns the exit code: 0 all good, 1 a problem found, 2 bad usage.
 * With `--json` stdout holds exactly one JSON document (the {@link DoctorReport} plus `messages`).
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const command = parseCliArgs(argv);
  if (command.kind === 'help') {
    io.stdout(usage[command.lang]);
    return 0;
  }
  if (command.kind === 'usage-error') {
    io.stderr(`onshikit: ${command.message}\n\n${usage[command.lang]}`);
    return 2;
  }
  const port = io.port ? await io.port() : (await import('./pcsc-port.js')).createPcscPort();
  const report = await runDoctor(port, { timeoutMs: command.timeoutMs, ...(io.now ? { now: io.now } : {}) });
  if (command.json) {
    const { doctorNextStep, doctorText } = await import('./messages.js');
    const findings = report.findings.map((f) => ({
      ...f,
      message: doctorText(f.code, command.lang, f.params),
      ...(f.severity === 'ok' ? {} : { nextStep: doctorNextStep(f.code, command.lang, f.params) }),
    }));
    io.stdout(JSON.stringify({ ...report, lang: command.lang, findings }, null, 2));
  } else {
    io.stdout(formatReport(report, command.lang));
  }
  return report.ok ? 0 : 1;
}
