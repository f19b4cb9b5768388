import { AppError } from '../errors';

/**
 * The error a denied field resolves to: the field is null and this error carries its path.
 * It says nothing about the value, not even whether one exists.
 */
export class FieldDeniedError extends AppError {
  constructor() {
    super('FIELD_DENIED', 'This field is not disclosed to your role for the declared purpose.');
  }
}
