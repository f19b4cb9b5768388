import { AppError } from '../errors';

/** A root field reserved for one role (the access log for auditors, a resident's own history). */
export class RoleRequiredError extends AppError {
  constructor(role: string) {
    super('FORBIDDEN', `Only the ${role} role may use this field.`);
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
