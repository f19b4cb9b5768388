import { createHash, createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'graphql';
import { cachedDocumentFingerprint, documentFingerprint, strippedDocument } from '../src/audit/documentFingerprint';
import { DEV_DOCUMENT_KEY_FILE, loadDocumentKey } from '../src/audit/documentKey';
import { closeDatabases, Databases } from '../src/db/databases';
import { startHub } from '../src/hub';
import { makeIdNumber } from '../src/identity/idNumber';
import { EMERGENCY_OFFICER, headersFor, testAuthSettings } from './support/auth';
import type { HttpHub } from '../src/server/httpServer';
import { openOwnerTestDatabases, openTestDatabases } from './support/testDatabases';

const inlined = (idNumber: string) => `query File { personByIdNumber(idNumber: "${idNumber}") { name phone } }`;

describe('the document fingerprint', () => {
  it('strips every literal and client-chosen name, so queries differing only in them strip alike', () => {
    const a = parse('query Q110101194909222648($x: String = "13812345678") { z110101194909222648: personByIdNumber(idNumber: "110101194909222648") { ...F110 } p: person(id: $x) { name } } fragment F110 on Person { name }');
    const b = parse('query Other($y: String = "13900000000") { q: personByIdNumber(idNumber: "11010519491231002X") { ...G } r: person(id: $y) { name } } fragment G on Person { name }');
    expect(strippedDocument(a)).toBe(strippedDocument(b));
    expect(strippedDocument(a)).not.toMatch(/\d{4}/);
    expect(strippedDocument(parse('{ searchPersons(filter: { name: "张伟", minAge: 60, tags: [LOW_INCOME] }) { totalCount } }'))).toBe(
      'query{searchPersons(filter:{name:$_,minAge:$_,tags:[LOW_INCOME]}){totalCount}}',
    );
  });

  it('is keyed: without the key it cannot be recomputed, with another key it differs', () => {
    const doc = parse(inlined('110101194909222648'));
    const key = randomBytes(32);
    const fingerprint = documentFingerprint(key, doc);
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(documentFingerprint(key, doc)).toBe(fingerprint);
    expect(documentFingerprint(randomBytes(32), doc)).not.toBe(fingerprint);
    expect(createHash('sha256').update(strippedDocument(doc)).digest('hex')).not.toBe(fingerprint);
    expect(createHmac('sha256', key).update(strippedDocument(doc)).digest('hex')).toBe(fingerprint);
  });

  it('remembers recent documents by their text, giving the same fingerprint as computing it afresh', () => {
    const key = randomBytes(32);
    const remembered = cachedDocumentFingerprint(key, 2);
    const texts = ['{ viewer { role } }', inlined('110101194909222648'), inlined('11010519491231002X'), '{ viewer { role } }'];
    for (const text of texts) expect(remembered(text, parse(text))).toBe(documentFingerprint(key, parse(text)));
    // A hit answers from memory without looking at the document (here deliberately another one).
    expect(remembered(texts[2], parse('{ viewer { purposes } }'))).toBe(documentFingerprint(key, parse(texts[2])));
  });

  it('remembers a parsed document itself (Apollo reuses it for every request of its text), with or without the text', () => {
    const key = randomBytes(32);
    const remembered = cachedDocumentFingerprint(key, 2);
    const document = parse(inlined('110101194909222648'));
    const fingerprint = documentFingerprint(key, document);
    expect(remembered(inlined('110101194909222648'), document)).toBe(fingerprint);
    // The same DocumentNode is answered from memory before its text is hashed (here deliberately another text).
    expect(remembered('{ viewer { role } }', document)).toBe(fingerprint);
    expect(remembered(undefined, document)).toBe(fingerprint);
    const other = parse('{ viewer { role } }');
    expect(remembered(undefined, other)).toBe(documentFingerprint(key, other));
  });

  it('keeps a development key in the keys folder and refuses a configured key shorter than 32 bytes', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onefile-doc-key-'));
    try {
      const key = loadDocumentKey({ keysDir: dir });
      expect(key.length).toBeGreaterThanOrEqual(32);
      expect(loadDocumentKey({ keysDir: dir }).equals(key)).toBe(true);
      expect(fs.statSync(path.join(dir, DEV_DOCUMENT_KEY_FILE)).mode & 0o077).toBe(0);
      fs.writeFileSync(path.join(dir, 'short'), 'too short');
      expect(() => loadDocumentKey({ keyFile: path.join(dir, 'short'), keysDir: dir })).toThrow(/at least 32 bytes/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('an auditor holding the whole access log', () => {
  let hub: HttpHub;
  let dbs: Databases;
  let owner: Databases;
  const key = randomBytes(32);

  beforeAll(async () => {
    dbs = openTestDatabases();
    owner = openOwnerTestDatabases();
    hub = await startHub(dbs, { port: 0, auth: await testAuthSettings(), accessLogPrivacy: { documentKey: key } });
  });
  afterAll(async () => {
    await hub.close();
    await closeDatabases(dbs);
    await closeDatabases(owner);
  });

  async function send(query: string) {
    const res = await fetch(hub.url, { method: 'POST', headers: { 'content-type': 'application/json', ...(await headersFor(EMERGENCY_OFFICER)) }, body: JSON.stringify({ query }) });
    expect(res.status).toBe(200);
    return owner.hub('access_log').where({ request_id: res.headers.get('x-request-id') }).first();
  }

  it('cannot recover an ID number inlined in a query: the records of two such queries differ in no column that holds it', async () => {
    const [first, second] = await dbs.police('persons').orderBy('id_number').limit(2).pluck('id_number');
    const a = await send(inlined(first));
    const b = await send(inlined(second));
    expect(a.document_hash).toBe(b.document_hash);
    // The old unkeyed hash of the text, which an auditor could brute-force, is not what is stored.
    expect(a.document_hash).not.toBe(createHash('sha256').update(inlined(first)).digest('hex'));
    // Trying every candidate against the fingerprint without the key finds nothing.
    const candidates = Array.from({ length: 200 }, (_, i) => makeIdNumber(first.slice(0, 6), `${first.slice(6, 10)}-${first.slice(10, 12)}-${first.slice(12, 14)}`, i));
    for (const guess of [first, ...candidates]) {
      for (const text of [inlined(guess), strippedDocument(parse(inlined(guess)))]) {
        expect(createHash('sha256').update(text).digest('hex')).not.toBe(a.document_hash);
      }
    }
    const { seq, prev_hash, hash, document_hash, occurred_at, request_id, duration_ms, residents, disclosures, ...rest } = a;
    expect(JSON.stringify(rest)).not.toMatch(/\d{6}/);
    expect(JSON.stringify(a)).not.toContain(first);
  });
});
