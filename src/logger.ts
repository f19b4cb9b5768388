import pino from 'pino';

/**
 * The process logger. Structured JSON; `LOG_LEVEL` sets the level (tests run silent).
 * Never log request variables or department rows: ID numbers must not reach the logs.
 */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.JEST_WORKER_ID ? 'silent' : 'info'),
  base: { service: 'onefile' },
  redact: { paths: ['*.idNumber', '*.id_number', '*.variables', 'req.headers.authorization'], censor: '[redacted]' },
});

/** Replaces anything shaped like an ID number in free text (e.g. a driver's error message). */
export function scrubIdNumbers(text: string): string {
  return text.replace(/\d{17}[\dXx]/g, '[id-number]');
}
