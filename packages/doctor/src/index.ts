export { runDoctor, diagnoseCard } from './diagnose.js';
export type {
  DoctorCardReport,
  DoctorFinding,
  DoctorOptions,
  DoctorPcscPort,
  DoctorReader,
  DoctorReport,
  DoctorSeverity,
  DoctorCardSession,
} from './diagnose.js';
export { doctorMessages, doctorText, doctorNextStep } from './messages.js';
export type { DoctorCode, DoctorLang, DoctorMessage, DoctorMessageParams, DoctorText } from './messages.js';
export { formatReport } from './format.js';
export { createPcscPort } from './pcsc-port.js';
export { parseCliArgs, usage, DEFAULT_TIMEOUT_SECONDS } from './args.js';
export type { CliCommand } from './args.js';
export { runCli } from './run-cli.js';
export type { CliIo } from './run-cli.js';
