/**
 * What a piece of free text may carry that identifies a resident:
 *  - ID_NUMBER: 18 characters (17 digits and a digit or X) or a first-generation 15-digit number;
 *  - PHONE: an 11-digit mobile number (1[3-9]…), also after 86 / 0086, or a landline with its area
 *    code (0 followed by 9 to 11 digits);
 *  - CARD_NUMBER: any other run of 13 or more digits (bank cards have 16 to 19; 12-digit
 *    community and building codes are reference data, not identifiers).
 * A name is not a shape here: any two Han characters can be one, so text that must carry no name
 * (a case number) refuses every Han character (`containsHan`), and the other texts checked here
 * (request ids, operation names) cannot hold Han at all.
 * Digits count as one run across separators people type or systems insert (spaces, any dash, `_`,
 * `.`, `/`, `·`, commas and `、`, brackets, up to three in a row: `(010)65123456`, `138，1234，5678`)
 * and across letters before and after (`T13812345678`, `ID-110101-19490922-2648`,
 * `q110101194909222648`). Full-width digits are folded first (NFKC); Chinese numerals written digit
 * by digit (`一一〇一〇一…`, `幺三八…`, `壹叁捌…`) count as digits.
 */
export type IdentifierShape = 'ID_NUMBER' | 'PHONE' | 'CARD_NUMBER';

/**
 * Chinese numerals people write digit by digit (〇 or 零 for 0, 幺 for 1 when reading out a phone
 * number, and the financial forms 壹…玖): each stands for one digit. Not 十, 百, 两: a number
 * written with them is not a digit string.
 */
const HAN_DIGITS: Readonly<Record<string, string>> = {
  〇: '0', 零: '0', 一: '1', 幺: '1', 壹: '1', 二: '2', 贰: '2', 三: '3', 叁: '3', 四: '4', 肆: '4',
  五: '5', 伍: '5', 六: '6', 陆: '6', 七: '7', 柒: '7', 八: '8', 捌: '8', 九: '9', 玖: '9',
};
const DIGIT = `[0-9${Object.keys(HAN_DIGITS).join('')}]`;
/** What people put between groups of digits: spaces, dots, slashes, commas, enumeration commas, brackets, any dash. */
const SEPARATOR = '[\\s_./·,，、()（）\\p{Pd}]';
const DIGIT_RUN = new RegExp(`${DIGIT}(?:${SEPARATOR}{0,3}${DIGIT})*(?:${SEPARATOR}{0,3}[Xx](?![A-Za-z]))?`, 'gu');
const HAN_RUN = /\p{Script=Han}+/gu;

function digitRunShape(run: string): IdentifierShape | null {
  const chars = run.replace(/./gu, (c) => HAN_DIGITS[c] ?? c).replace(/[^\dXx]/g, '').toUpperCase();
  const digits = chars.replace(/X$/, '');
  if (chars.length === 18 && /^\d{17}[\dX]$/.test(chars)) return 'ID_NUMBER';
  if (chars.endsWith('X')) return digits.length >= 13 ? 'CARD_NUMBER' : null;
  if (/^(?:0{0,2}86)?1[3-9]\d{9}$/.test(digits)) return 'PHONE';
  if (/^0\d{9,11}$/.test(digits)) return 'PHONE';
  if (digits.length === 15) return 'ID_NUMBER';
  if (digits.length >= 13) return 'CARD_NUMBER';
  return null;
}

/**
 * The identifier shapes found in `text`, each once, in a fixed order. Never returns or logs the
 * matched values: callers refuse or redact, they do not echo.
 */
export function identifierShapesIn(text: string): IdentifierShape[] {
  const folded = text.normalize('NFKC');
  const found = new Set<IdentifierShape>();
  for (const m of folded.matchAll(DIGIT_RUN)) {
    const shape = digitRunShape(m[0]);
    if (shape) found.add(shape);
  }
  return (['ID_NUMBER', 'PHONE', 'CARD_NUMBER'] as const).filter((s) => found.has(s));
}

/** Whether `text` carries anything shaped like an ID number, phone number or card number. */
export function looksLikeIdentifier(text: string): boolean {
  return identifierShapesIn(text).length > 0;
}

/** Whether `text` contains any Han character (a name can be any two of them). */
export function containsHan(text: string): boolean {
  return /\p{Script=Han}/u.test(text);
}

/**
 * `text` with every digit run shaped like an ID, phone or card number replaced by `[redacted]`,
 * and with `han` also every run of Han characters (a name can be any of them), for messages that
 * may quote client input (graphql-js validation errors do, and are otherwise English).
 */
export function redactIdentifiers(text: string, options: { han?: boolean } = {}): string {
  const digits = text.normalize('NFKC').replace(DIGIT_RUN, (run) => (digitRunShape(run) ? '[redacted]' : run));
  return options.han ? digits.replace(HAN_RUN, '[redacted]') : digits;
}
