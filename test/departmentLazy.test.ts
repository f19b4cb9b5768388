import { lazy } from '../src/departments/lazy';
import { BUILT_IN_DEPARTMENTS } from '../src/departments/registry';

describe('a department module\'s lazily loaded parts', () => {
  it('loads once and hands the same value on every later call', () => {
    const load = jest.fn(() => ({ loaded: true }));
    const get = lazy(load);
    expect(load).not.toHaveBeenCalled();
    const first = get();
    expect(get()).toBe(first);
    expect(get()).toBe(first);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('keeps nothing until the load gives a value: a throw or undefined (a module still loading) is tried again', () => {
    const values: Array<() => { v: number } | undefined> = [() => { throw new Error('not yet'); }, () => undefined, () => ({ v: 3 })];
    const load = jest.fn(() => values.shift()!());
    const get = lazy(load);
    expect(() => get()).toThrow('not yet');
    expect(get()).toBeUndefined();
    expect(get()).toEqual({ v: 3 });
    expect(get()).toEqual({ v: 3 });
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('every built-in module answers parts() with the module\'s one parts object', () => {
    for (const m of BUILT_IN_DEPARTMENTS) {
      const parts = m.parts();
      expect(parts.createLoaders).toEqual(expect.any(Function));
      expect(m.parts()).toBe(parts);
    }
  });
});
