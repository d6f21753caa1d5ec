import { describe, expect, it } from 'vitest';
import type { Patient } from '../model';
import { matchesIdentity, splitFullName } from './identity';

const patient = (firstName: string, lastName: string, dateOfBirth = '1984-07-19'): Patient => ({
  id: 'pat-1',
  practiceId: 'practice-1',
  firstName,
  lastName,
  dateOfBirth,
});

describe('matchesIdentity', () => {
  const maria = patient('María', "O'Connor-García");

  it('matches the same name and date of birth, whatever the case, accents, punctuation and spacing', () => {
    for (const fullName of ["María O'Connor-García", 'maria oconnor garcia', '  MARIA   O CONNOR GARCIA ', 'Maria OConnor-Garcia', 'maría o’connor garcía']) {
      expect(matchesIdentity(maria, { fullName, dateOfBirth: '1984-07-19' }), fullName).toBe(true);
    }
  });

  it('tolerates a middle name, a title and a generational suffix said by the caller', () => {
    const john = patient('John', 'Smith');
    expect(matchesIdentity(john, { fullName: 'John Quincy Smith', dateOfBirth: '1984-07-19' })).toBe(true);
    expect(matchesIdentity(john, { fullName: 'Mr. John Smith Jr.', dateOfBirth: '1984-07-19' })).toBe(true);
    expect(matchesIdentity(patient('John', 'Smith Jr.'), { fullName: 'John Smith', dateOfBirth: '1984-07-19' })).toBe(true);
  });

  it('folds letters that have no accent to strip', () => {
    expect(matchesIdentity(patient('Søren', 'Groß'), { fullName: 'Soren Gross', dateOfBirth: '1984-07-19' })).toBe(true);
  });

  it('refuses another date of birth', () => {
    expect(matchesIdentity(maria, { fullName: "María O'Connor-García", dateOfBirth: '1984-07-18' })).toBe(false);
  });

  it('refuses another first or last name, a swapped order, or a partial name', () => {
    const john = patient('John', 'Smith');
    for (const fullName of ['Jane Smith', 'John Smithson', 'Smith John', 'John', 'Smith', 'Johnny Smith', 'John Smith Jones']) {
      expect(matchesIdentity(john, { fullName, dateOfBirth: '1984-07-19' }), fullName).toBe(false);
    }
  });
});

describe('splitFullName', () => {
  it('splits first and last name for a new patient, dropping a middle name and a title', () => {
    expect(splitFullName('Ana Souza')).toEqual({ firstName: 'Ana', lastName: 'Souza' });
    expect(splitFullName('  Ana  Beatriz   Souza ')).toEqual({ firstName: 'Ana', lastName: 'Souza' });
    expect(splitFullName('Dr. Ana Souza')).toEqual({ firstName: 'Ana', lastName: 'Souza' });
  });

  it('keeps particles and suffixes with the last name', () => {
    expect(splitFullName('Maria de la Cruz')).toEqual({ firstName: 'Maria', lastName: 'de la Cruz' });
    expect(splitFullName('Ludwig van Beethoven')).toEqual({ firstName: 'Ludwig', lastName: 'van Beethoven' });
    expect(splitFullName('John Smith Jr.')).toEqual({ firstName: 'John', lastName: 'Smith Jr.' });
  });

  it('needs a distinct last name', () => {
    expect(splitFullName('Cher')).toBeNull();
    expect(splitFullName('   ')).toBeNull();
  });

  it('splits names that then match their own registration', () => {
    for (const fullName of ['Maria de la Cruz', 'John Smith Jr.', "Seán O'Brien"]) {
      const name = splitFullName(fullName);
      expect(name).not.toBeNull();
      const registered = patient(name?.firstName ?? '', name?.lastName ?? '');
      expect(matchesIdentity(registered, { fullName, dateOfBirth: '1984-07-19' }), fullName).toBe(true);
    }
  });
});
