import { Claim } from './claim';

/**
 * Service items (办事事项) that take claims instead of documents: each declares the claims it needs,
 * and a request for any other claim under it is refused (minimum necessity). The code is what the
 * access record keeps for a SERVICE_APPLICATION (in its case-number column, like a case number).
 */
export interface ServiceItem {
  /** Its code, e.g. ELDERLY_PREFERENTIAL_CARD. */
  name: string;
  /** For people and the resident's history: "the elderly preferential card". */
  label: string;
  /** The office that handles it. */
  office: string;
  claims: readonly Claim[];
  /** What it needed before (the documents replaced), for reviewers. */
  replaces: string;
}

export const SERVICE_ITEMS: readonly ServiceItem[] = [
  {
    name: 'ELDERLY_PREFERENTIAL_CARD',
    label: 'the elderly preferential card (老年人优待卡)',
    office: 'civil',
    claims: [Claim.AGED_60_OR_OVER, Claim.ALIVE, Claim.REGISTERED_IN_DISTRICT, Claim.RESIDENCE_PERMIT_ACTIVE_6_MONTHS],
    replaces: '3 trips to civil affairs, health and police, 5 forms (ID card copy, 户口簿, residence permit, proof of life)',
  },
  {
    name: 'RESIDENCE_PERMIT_RENEWAL',
    label: 'a residence permit renewal (居住证续签)',
    office: 'police',
    claims: [Claim.RESIDENCE_PERMIT_ACTIVE_6_MONTHS, Claim.REGISTERED_IN_DISTRICT, Claim.ALIVE],
    replaces: '6 documents (permit, tenancy, employment or study proof, ...)',
  },
  {
    name: 'LOW_INCOME_APPLICATION',
    label: 'a low-income assistance application (低保申请)',
    office: 'civil',
    claims: [Claim.REGISTERED_IN_DISTRICT, Claim.ALIVE, Claim.DISABILITY_CERTIFIED, Claim.LOW_INCOME_ASSISTANCE_ACTIVE],
    replaces: 'household register and disability certificate copies',
  },
];

const BY_CODE = new Map(SERVICE_ITEMS.map((i) => [i.name, i]));

/** The service item with this code (name), or undefined (the code is client text until found here). */
export function serviceItemNamed(code: string): ServiceItem | undefined {
  return BY_CODE.get(code);
}
