import { DirectiveLocation, GraphQLDirective, GraphQLInt, GraphQLString } from 'graphql';
import { POLICY_DIRECTIVE, RESIDENT_DATA_DIRECTIVE } from './policy.decorators';

const declarationArgs = {
  owner: { type: GraphQLString, description: 'Owning department (police, civil, health) or hub.' },
  level: { type: GraphQLInt, description: 'Sensitivity level 1 (basic) to 4 (highly sensitive).' },
  mask: { type: GraphQLString, description: 'Partial form shown when masked; NONE means masked is denied.' },
  alsoReveals: { type: GraphQLString, description: 'owner:level of another fact the value embeds (e.g. police:3 for an ID number).' },
};

/** The directive definitions, so the emitted SDL declares what it uses. */
export const POLICY_DIRECTIVES = [
  new GraphQLDirective({
    name: POLICY_DIRECTIVE,
    description: 'Field-level policy declaration: owner, sensitivity level, mask.',
    locations: [DirectiveLocation.FIELD_DEFINITION],
    args: declarationArgs,
  }),
  new GraphQLDirective({
    name: RESIDENT_DATA_DIRECTIVE,
    description: 'Resident data: every field needs a policy declaration (defaults given here).',
    locations: [DirectiveLocation.OBJECT],
    args: declarationArgs,
  }),
];
