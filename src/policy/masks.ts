import { ageBand, newYearsDay } from '../identity/age';
import type { Mask } from './declaration';
import { VALUE_FORMATS, ValueFormatName } from './valueFormats';

/**
 * Partial forms of values, applied only to fields whose decision is MASK:
 * ID number to its region `110101************` (the birth date, sequence and check character are
 * what undo a mask: docs/access-matrix.md), phone `138****5678`, name `张*`, address cut to the
 * building (outside the city, where no building is known, to the road or village), birth date to a five-year age band (reckoned on 1 January), serial numbers to their prefix
 * (`110101001******`), other numbers `****1234`, amounts rounded down to 100.
 * `parent` is the object the field belongs to (the address mask needs its room); `format` is the
 * field's declared value format (SERIAL_PREFIX needs the serial's width).
 */
export function applyMask(mask: Mask, value: unknown, parent: unknown, format?: ValueFormatName): unknown {
  if (value === null || value === undefined) return value;
  switch (mask) {
    case 'ID_NUMBER': {
      const s = String(value);
      return `${s.slice(0, 6)}${'*'.repeat(Math.max(0, s.length - 6))}`;
    }
    case 'SERIAL_PREFIX': {
      const chars = Array.from(String(value));
      const serial = (format && (VALUE_FORMATS[format] as { serialDigits?: number }).serialDigits) ?? chars.length;
      const keep = Math.max(0, chars.length - serial);
      return chars.slice(0, keep).join('') + '*'.repeat(chars.length - keep);
    }
    case 'PHONE': {
      const s = String(value);
      return s.length >= 7 ? `${s.slice(0, 3)}****${s.slice(-4)}` : '****';
    }
    case 'NAME': {
      const chars = Array.from(String(value));
      return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
    }
    case 'ADDRESS':
      return maskAddress(String(value), parent as { roomNumber?: string | null; buildingCode?: string | null } | null);
    case 'BIRTH_DATE':
      // Reckoned on 1 January like every age a caller who may not read the birth date sees (policy/ageDay.ts).
      return ageBand(String(value), newYearsDay());
    case 'LAST_FOUR': {
      // At most the last four, and never more than the characters hidden: a value of eight characters or
      // fewer keeps its first half hidden (a four-character value shows nothing).
      const chars = Array.from(String(value));
      const shown = Math.max(0, Math.min(4, chars.length - 4));
      return `****${shown > 0 ? chars.slice(-shown).join('') : ''}`;
    }
    case 'AMOUNT':
      return Math.floor(Number(value) / 100) * 100;
    case 'NONE':
    case 'PRESENCE':
      return null;
  }
}

/**
 * An address cut to its building: a building of the address library without the room. Fails
 * closed: where no building is known (an address outside the city, kept as text) or the room is not
 * where it should be, everything from the first number on (house, building, unit, flat) is hidden,
 * leaving the road or village.
 */
function maskAddress(text: string, address: { roomNumber?: string | null; buildingCode?: string | null } | null): string {
  const room = address?.roomNumber;
  if (room && text.endsWith(room)) return text.slice(0, text.length - room.length);
  if (address?.buildingCode && !room) return text;
  const firstNumber = text.search(/[0-9０-９]/);
  return firstNumber < 0 ? text : text.slice(0, firstNumber);
}
