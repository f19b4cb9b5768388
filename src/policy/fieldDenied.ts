import { AppError } from '../errors';

/** A root field reserved for one role (the access log for auditors, a resident's own history). */
export class RoleRequiredError extends AppError {
  constructor(role: string) {
    super('FORBIDDEN', `Only the ${role} role may use this field.`);
  }
}

/** A department's ticket events, asked by a role that does not work for that department. */
export class DepartmentRequiredError extends AppError {
  constructor() {
    super('FORBIDDEN', 'Only roles that work for this department may subscribe to its ticket events.');
  }
}

/**
 * The error a denied field resolves to: the field is null and this error carries its path.
 * It says nothing about the value, not even whether one exists.
 */
export class FieldDeniedError extends AppError {
  constructor() {
    super('FIELD_DENIED', 'This field is not disclosed to your role for the declared purpose.');
  }
}
