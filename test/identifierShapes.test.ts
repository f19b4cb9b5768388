import { identifierShapesIn, looksLikeIdentifier, redactIdentifiers } from '../src/identity/identifierShapes';
import { caseNumberPatternProblem, caseNumberProblem } from '../src/policy/caseNumber';
import { ConfigError, loadConfig } from '../src/config';
import { ACCEPTED_NAMES_KEPT, isRememberedAsAccepted, operationNameProblem } from '../src/audit/operationName';

describe('identifier-shaped text', () => {
  it.each([
    ['an ID number', '110101194909222648', ['ID_NUMBER']],
    ['an ID number with an X check character', '11010519491231002X', ['ID_NUMBER']],
    ['an ID number with separators and a prefix', 'ID-110101-19490922-2648', ['ID_NUMBER']],
    ['an ID number split by spaces and dots', '110101 1949.0922 2648', ['ID_NUMBER']],
    ['an ID number in full-width digits', '１１０１０１１９４９０９２２２６４８', ['ID_NUMBER']],
    ['an ID number glued to letters', 'q110101194909222648', ['ID_NUMBER']],
    ['a first-generation 15-digit ID number', '110101490922264', ['ID_NUMBER']],
    ['a mobile number behind a letter', 'T13812345678', ['PHONE']],
    ['a mobile number with the country code', '+86 138-1234-5678', ['PHONE']],
    ['a mobile number in an identifier', 'get_138_1234_5678', ['PHONE']],
    ['a landline with its area code', '010-6512 3456', ['PHONE']],
    ['a bank card number in groups of four', '6222 0212 3456 7890 123', ['CARD_NUMBER']],
    ['an ID number in Chinese numerals', '一一〇一〇一一九四九〇九二二二六四八', ['ID_NUMBER']],
    ['a mobile number read out with 幺', '幺三八 幺二三四 五六七八', ['PHONE']],
    ['a mobile number in financial numerals', '壹叁捌壹贰叁肆伍陆柒捌', ['PHONE']],
    ['a landline with its area code in brackets', '(010)65123456', ['PHONE']],
    ['a mobile number split by full-width commas', '138，1234，5678', ['PHONE']],
    ['a mobile number split by em dashes', '138—1234—5678', ['PHONE']],
  ])('recognises %s', (_label, text, shapes) => {
    expect(identifierShapesIn(text)).toEqual(shapes);
  });

  it.each([
    ['a case number', 'XS-2026-0042'],
    ['a time stamp', '2026-11-29T12:50:12.000Z'],
    ['a hub id', '98d69cc7-f30f-44bb-a77f-d9f15a62c6e0'],
    ['an operation name', 'PersonFile'],
    ['a grid id', '110101001001-G01'],
    ['a community code', '110101001001'],
    ['a date in Chinese numerals', '二〇二六年十一月三十日'],
    ['a visit note with counts and a date', '2026-11-30上门，3号楼2单元，家中三口人，一人独居'],
  ])('leaves %s alone', (_label, text) => {
    expect(looksLikeIdentifier(text)).toBe(false);
  });

  it('redacts ID, phone and card numbers from a message without touching the rest', () => {
    expect(redactIdentifiers('Expected String, found 110101194909222648; call 13812345678 at 12:00')).toBe('Expected String, found [redacted]; call [redacted] at 12:00');
    expect(redactIdentifiers('Int cannot represent non-integer value: "张伟"', { han: true })).toBe('Int cannot represent non-integer value: "[redacted]"');
  });
});

describe('case numbers', () => {
  it.each([
    ['XS-2026-0042', null],
    ['ABCD-2026-123456', null],
    [null, 'MISSING'],
    ['  ', 'MISSING'],
    ['ID-110101-19490922-2648', 'IDENTIFIER'],
    ['110101194909222648', 'IDENTIFIER'],
    ['T13812345678', 'IDENTIFIER'],
    ['张三', 'IDENTIFIER'],
    ['XS-2026-张三', 'IDENTIFIER'],
    ['xs-2026-0042', 'FORMAT'],
    ['XS-1', 'FORMAT'],
    ['XS-2026-0042; DROP', 'FORMAT'],
  ])('%p is %p', (value, problem) => {
    expect(caseNumberProblem(value)).toBe(problem);
  });

  it('refuses an identifier-shaped case number even when the configured format would admit it', () => {
    expect(caseNumberProblem('CASE-13812345678', /^CASE-\d+$/)).toBe('IDENTIFIER');
    expect(caseNumberProblem('CASE-42', /^CASE-\d+$/)).toBeNull();
  });

  it('takes CASE_NUMBER_PATTERN from the environment and refuses one that is unanchored, invalid or admits ID numbers', () => {
    expect(loadConfig({ CASE_NUMBER_PATTERN: '^JZ\\d{4}-\\d{3}$' }).accessLogPrivacy.caseNumberPattern.test('JZ2026-042')).toBe(true);
    expect(loadConfig({}).accessLogPrivacy.caseNumberPattern.test('XS-2026-0042')).toBe(true);
    expect(() => loadConfig({ CASE_NUMBER_PATTERN: 'XS-\\d+' })).toThrow(new ConfigError('CASE_NUMBER_PATTERN must be anchored with ^ and $'));
    expect(() => loadConfig({ CASE_NUMBER_PATTERN: '^[A-Z0-9]+$' })).toThrow(new ConfigError('CASE_NUMBER_PATTERN accepts ID, phone or card numbers'));
    expect(() => loadConfig({ CASE_NUMBER_PATTERN: '^(' })).toThrow(new ConfigError('CASE_NUMBER_PATTERN is not a valid regular expression'));
    expect(caseNumberPatternProblem(/^\d{18}$/)).toBe('accepts ID, phone or card numbers');
  });
});

describe('operation names', () => {
  it('keeps plain names and refuses names shaped like identifiers or over 64 characters', () => {
    expect(operationNameProblem('PersonFile')).toBeNull();
    expect(operationNameProblem(undefined)).toBeNull();
    expect(operationNameProblem('q110101194909222648')).toBe('IDENTIFIER');
    expect(operationNameProblem('call_138_1234_5678')).toBe('IDENTIFIER');
    expect(operationNameProblem('A'.repeat(65))).toBe('TOO_LONG');
  });

  it('remembers accepted names only: an identifier-shaped name is refused on every use and never kept', () => {
    for (let i = 0; i < 3; i++) {
      expect(operationNameProblem('q110101194909222648')).toBe('IDENTIFIER');
      expect(isRememberedAsAccepted('q110101194909222648')).toBe(false);
      expect(operationNameProblem('call_138_1234_5678')).toBe('IDENTIFIER');
      expect(isRememberedAsAccepted('call_138_1234_5678')).toBe(false);
      expect(operationNameProblem('A'.repeat(65))).toBe('TOO_LONG');
      expect(isRememberedAsAccepted('A'.repeat(65))).toBe(false);
      expect(operationNameProblem('HouseholdFile')).toBeNull();
      expect(isRememberedAsAccepted('HouseholdFile')).toBe(true);
    }
  });

  it('keeps at most ACCEPTED_NAMES_KEPT accepted names, starting again when full', () => {
    for (let i = 0; i < ACCEPTED_NAMES_KEPT; i++) expect(operationNameProblem(`Op${i}`)).toBeNull();
    expect(operationNameProblem('OneMore')).toBeNull();
    expect(isRememberedAsAccepted('OneMore')).toBe(true);
    expect(isRememberedAsAccepted('Op0')).toBe(false);
    expect(operationNameProblem('Op0')).toBeNull();
    expect(operationNameProblem('q110101194909222648')).toBe('IDENTIFIER');
  });
});
