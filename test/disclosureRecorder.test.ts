import { DisclosureRecorder } from '../src/audit/disclosureRecorder';

describe('DisclosureRecorder groups', () => {
  it('reads a subject\'s recorded fields without changing them: a failure later is reported, earlier answers stay', () => {
    const r = new DisclosureRecorder();
    for (const id of ['p1', 'p2']) {
      r.record({ subjectId: id }, 'Person.name', 'ALLOW');
      r.record({ subjectId: id }, 'Person.idNumber', 'MASK');
    }
    const before = r.groups();
    expect(before).toEqual([{ subjects: ['p1', 'p2'], ALLOW: ['Person.name'], MASK: ['Person.idNumber'], DENY: [] }]);
    expect(r.groups()).toEqual(before);
    expect(r.decisions()).toEqual(['ALLOW', 'MASK']);

    r.fail({ subjectId: 'p2' }, 'Person.name', 'police');
    expect(r.groups()).toEqual([
      { subjects: ['p1'], ALLOW: ['Person.name'], MASK: ['Person.idNumber'], DENY: [] },
      { subjects: ['p2'], ALLOW: [], MASK: ['Person.idNumber'], DENY: [], FAILED: ['Person.name'] },
    ]);
    expect(r.decisions()).toEqual(['ALLOW', 'MASK', 'FAILED']);
    expect(before).toEqual([{ subjects: ['p1', 'p2'], ALLOW: ['Person.name'], MASK: ['Person.idNumber'], DENY: [] }]);
    // p2 still counts as disclosed: its masked ID number was shown.
    expect(r.residents).toEqual(['p1', 'p2']);
  });
});
