import type { FindingReader } from '../../checks/findingsSource';
import type { HubLoaders } from '../../sources/hub/hubLoaders';

/** The hub section's per-request loaders: the hub's own, and the reads of the cross-department checks' findings. */
export type HubSectionLoaders = HubLoaders & { findings: FindingReader };
