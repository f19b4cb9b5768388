import { LocalDateResolver } from 'graphql-scalars';

/** Calendar dates (`YYYY-MM-DD`), validated, from graphql-scalars rather than hand-written. */
export const LocalDate = LocalDateResolver;
