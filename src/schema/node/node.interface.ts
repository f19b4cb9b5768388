import { Field, ID, InterfaceType } from 'type-graphql';

/** Anything with an opaque hub id: persons and households. */
@InterfaceType({ description: 'An object with an opaque hub id (a person or a household).' })
export abstract class Node {
  @Field(() => ID, { nullable: false, description: 'Opaque hub id; never an ID number.' })
  id!: string;
}
