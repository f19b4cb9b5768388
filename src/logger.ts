import pino from 'pino';
import { LOG_LEVELS } from './startup/envReaders';

/**
 * The process logger. Structured JSON; `LOG_LEVEL` sets the level (tests run silent).
 * Never log request variables or department rows: ID numbers must not reach the logs.
 * An unknown LOG_LEVEL falls back to `info` here (pino would throw at import, with a stack trace);
 * loadConfig then refuses it with a one-line error.
 */
const requested = process.env.LOG_LEVEL || (process.env.JEST_WORKER_ID ? 'silent' : 'info');
export const logger = pino({
  level: (LOG_LEVELS as readonly string[]).includes(requested) ? requested : 'info',
  base: { service: 'onefile' },
  redact: { paths: ['*.idNumber', '*.id_number', '*.variables', 'req.headers.authorization'], censor: '[redacted]' },
});
