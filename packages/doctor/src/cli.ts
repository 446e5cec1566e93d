// The `onshikit` bin. Everything testable lives in run-cli.ts; this file only wires the process.
import { runCli } from './run-cli.js';

runCli(process.argv.slice(2), {
  stdout: (text) => void process.stdout.write(`${text}\n`),
  stderr: (text) => void process.stderr.write(`${text}\n`),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`onshikit: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
