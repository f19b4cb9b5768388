import type { SearchVisits } from '../searchVisits';
import { VisitOutcomeEnum } from './visit.type';
import { householdsByVisits, personsByVisits } from './visitSearch';

/** The street office answers the search's visit conditions (src/departments/module.ts `SearchVisits`). */
export const streetSearchVisits: SearchVisits = { outcomeType: VisitOutcomeEnum, persons: personsByVisits, households: householdsByVisits };
