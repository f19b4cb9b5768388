import { DirectiveLocation, GraphQLDirective, GraphQLInt, GraphQLString } from 'graphql';
import { POLICY_DIRECTIVE, RESIDENT_DATA_DIRECTIVE } from './policy.decorators';

const declarationArgs = {
  owner: { type: GraphQLString, description: 'Owning department (police, civil, health) or hub.' },
  level: { type: GraphQLInt, description: 'Sensitivity level 1 (basic) to 4 (highly sensitive).' },
  mask: { type: GraphQLString, description: 'Partial form shown when masked; NONE means masked is denied.' },
  alsoReveals: { type: GraphQLString, description: 'owner:level of another fact the value embeds (e.g. police:3 for an ID number).' },
  value: { type: GraphQLString, description: 'Format of an identifier (ID_NUMBER, MOBILE_PHONE, HOUSEHOLD_NUMBER, ...): what it is made of.' },
  reveals: { type: GraphQLString, description: 'Fact the value reveals about the resident, with the values left (birthDate:366 for an age).' },
  structural: { type: GraphQLString, description: 'Not resident data (paging, public reference data): why. Served as is.' },
};

/** The directive definitions, so the emitted SDL declares what it uses. */
export const POLICY_DIRECTIVES = [
  new GraphQLDirective({
    name: POLICY_DIRECTIVE,
    description: 'Field-level policy declaration: owner, sensitivity level, mask; what an identifier is made of and what a fact reveals; or structural.',
    locations: [DirectiveLocation.FIELD_DEFINITION],
    args: declarationArgs,
  }),
  new GraphQLDirective({
    name: RESIDENT_DATA_DIRECTIVE,
    description: 'Resident data: root fields returning it need a declared purpose; every field carries its own @policy.',
    locations: [DirectiveLocation.OBJECT],
    args: {
      subjects: { type: GraphQLString, description: 'PER_SUBJECT (each object is about one resident and carries its hub id) or AGGREGATE (pages and counts about no single resident).' },
      reason: { type: GraphQLString, description: 'Why an AGGREGATE type is about no single resident.' },
    },
  }),
];
