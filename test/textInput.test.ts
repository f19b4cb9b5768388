import { parse } from 'graphql';
import { textInputAcceptable } from '../src/limits/textInput';

/**
 * The document half of the text check is remembered per DocumentNode (Apollo reuses the parsed
 * document of a query text it has seen); the variables are checked on every request.
 */
describe('textInputAcceptable with a remembered document', () => {
  it('refuses a document with a NUL literal on every use, not only the first', () => {
    const document = parse('{ personByIdNumber(idNumber: "11010119490922264\\u0000") { id } }');
    expect(textInputAcceptable(document, {})).toBe(false);
    expect(textInputAcceptable(document, {})).toBe(false);
    expect(textInputAcceptable(document, { ok: 'fine' })).toBe(false);
  });

  it('checks the variables of every request made with a document already seen', () => {
    const document = parse('query Q($id: String!) { personByIdNumber(idNumber: $id) { id } }');
    expect(textInputAcceptable(document, { id: '110101194909222648' })).toBe(true);
    expect(textInputAcceptable(document, { id: '110101194909222648\u0000' })).toBe(false);
    expect(textInputAcceptable(document, { id: 'a\uD800b' })).toBe(false);
    expect(textInputAcceptable(document, { ['k\u0000']: 'x' })).toBe(false);
    expect(textInputAcceptable(document, { id: '110101194909222648' })).toBe(true);
    expect(textInputAcceptable(document, undefined)).toBe(true);
  });

  it('walks a document once: its literals are not read again on its next use', () => {
    const document = parse('{ personByIdNumber(idNumber: "110101194909222648") { id } }');
    expect(textInputAcceptable(document, {})).toBe(true);
    // Documents are never changed in the hub; changing one here shows the first answer is kept.
    const field = (document.definitions[0] as unknown as { selectionSet: { selections: Array<{ arguments: Array<{ value: { value: string } }> }> } }).selectionSet.selections[0];
    field.arguments[0].value.value = 'bad\u0000';
    expect(textInputAcceptable(document, {})).toBe(true);
    // The same text parsed again is a new DocumentNode, walked afresh.
    expect(textInputAcceptable(parse('{ personByIdNumber(idNumber: "bad\\u0000") { id } }'), {})).toBe(false);
  });
});
