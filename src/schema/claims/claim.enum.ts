import { registerEnumType } from 'type-graphql';
import { Claim, CLAIM_CATALOG } from '../../claims/claim';

export { Claim };

registerEnumType(Claim, {
  name: 'Claim',
  description: 'A named yes/no claim about one resident (免提交), answered live by the department that owns the fact; see README "Claims instead of documents".',
  valuesConfig: Object.fromEntries(
    Object.values(CLAIM_CATALOG).map((d) => [d.claim, { description: `${d.label}: reads ${d.reads}. Declared ${d.declaration.owner} L${d.declaration.level}.` }]),
  ) as Record<Claim, { description: string }>,
});
