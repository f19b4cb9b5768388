import { Counter, Gauge } from 'prom-client';
import { metricsRegistry } from '../metrics';

/** Events published, by bus kind and outcome (`sent`, `local_only` when Redis refused, `invalid`). */
export const eventsPublished = new Counter({
  name: 'onefile_events_published_total',
  help: 'Ticket events published, by bus and outcome',
  labelNames: ['bus', 'outcome'] as const,
  registers: [metricsRegistry],
});

/** Events a subscriber's buffer could not hold (a client that stopped reading): they were dropped for it. */
export const eventsDropped = new Counter({
  name: 'onefile_events_dropped_total',
  help: 'Ticket events dropped for a subscriber whose buffer was full',
  registers: [metricsRegistry],
});

/** Open WebSocket connections and active subscriptions on this replica. */
export const subscriptionsOpen = new Gauge({
  name: 'onefile_subscriptions_open',
  help: 'Open GraphQL-over-WebSocket connections and active subscriptions',
  labelNames: ['what'] as const,
  registers: [metricsRegistry],
});
