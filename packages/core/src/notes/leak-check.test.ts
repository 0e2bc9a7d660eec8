import { describe, expect, it } from 'vitest';
import { findLeaks, fold, identifies, type GroupMember } from './leak-check';

const maria: GroupMember = { patientId: 'p-maria', givenName: 'María José', familyName: 'Núñez', preferredName: 'Majo', mrn: 'MRN-000482' };
const hope: GroupMember = { patientId: 'p-hope', givenName: 'Hope', familyName: 'Okafor', preferredName: null, mrn: '100777' };
const al: GroupMember = { patientId: 'p-al', givenName: 'Al', familyName: 'Ed', preferredName: null, mrn: 'A1B2' };
const james: GroupMember = { patientId: 'p-james', givenName: 'James', familyName: 'de la Cruz', preferredName: 'Jim', mrn: '55501234' };
const chris: GroupMember = { patientId: 'p-chris', givenName: 'Chris', familyName: 'Smith-Jones', preferredName: null, mrn: 'C-9' };

describe('identifies', () => {
  const cases: [string, string, GroupMember, ReturnType<typeof identifies>][] = [
    ['first name', 'Shared a story with Maria about work', maria, 'name'],
    ['first name in lower case', 'talked with maria after group', maria, 'name'],
    ['first name without its accent', 'Maria spoke up', maria, 'name'],
    ['the accented spelling', 'María spoke up', maria, 'name'],
    ['both given names as a phrase', 'maria jose said', maria, 'name'],
    ['second given name alone', 'agreed with José', maria, 'name'],
    ['preferred name', 'Majo encouraged them', maria, 'name'],
    ['family name with diacritics folded', 'sat by nunez', maria, 'name'],
    ['family name, upper case', 'NÚÑEZ was late', maria, 'name'],
    ['possessive with a straight apostrophe', "Responded to Maria's share", maria, 'name'],
    ['possessive with a curly apostrophe', 'Responded to Maria’s share', maria, 'name'],
    ['possessive of a name ending in s', "took James' advice", james, 'name'],
    ['preferred short name', 'Jim laughed', james, 'name'],
    ['multi-word family name as a phrase', 'Mr. De La Cruz nodded', james, 'name'],
    ['distinctive word of a multi-word family name', 'cruz nodded', james, 'name'],
    ['particle of a family name alone is not a name', 'la la la de do', james, null],
    ['hyphenated family name, one half', 'Jones disagreed', chris, 'name'],
    ['hyphenated family name whole', 'Smith-Jones disagreed', chris, 'name'],
    ['MRN as written', 'see MRN-000482', maria, 'mrn'],
    ['MRN without separator', 'see mrn000482', maria, 'mrn'],
    ['MRN with a space', 'record MRN 000482 mentioned', maria, 'mrn'],
    ['bare numeric MRN', 'chart 100777 was open', hope, 'mrn'],
    ['a longer number containing the MRN is not it', 'called 1007775 today', hope, null],
    ['short MRNs are ignored (too many false hits)', 'scored A1B2 on the card', al, null],
    ['initials with dots', 'M.N. shared first', maria, 'initials'],
    ['initials with dots and a space', 'M. N. shared first', maria, 'initials'],
    ['initials of the preferred name', 'M.N. and others', maria, 'initials'],
    ['capital initials without dots', 'HO shared first', hope, 'initials'],
    ['lower-case pair of letters is a word, not initials', 'ho hum', hope, null],
    ['initial + family name', 'H. Okafor was quiet', hope, 'name'],
    ['everyday-word name, lower case', 'expressed hope about the future', hope, null],
    ['everyday-word name opening a sentence', 'Hope is a theme this week.', hope, null],
    ['everyday-word name opening a later sentence', 'Good group. Hope was the theme', hope, null],
    ['everyday-word name capitalised mid-sentence', 'sat next to Hope today', hope, 'name'],
    ['everyday-word family name, lower case', 'it was a long day', { ...chris, familyName: 'Long' }, null],
    ['everyday-word family name, capitalised mid-sentence', 'sat next to Long', { ...chris, familyName: 'Long' }, 'name'],
    ['short name inside another word', 'also talked about his week', al, null],
    ['short name inside another word (family)', 'he talked and edited', al, null],
    ['short name as a word', 'agreed with Al', al, 'name'],
    ['short family name as a word', 'agreed with ed', al, 'name'],
    ['name inside another word', 'the chrisom and chrismas', chris, null],
    ['a letter with no mark to strip (ø)', 'sat with Oster', { ...chris, familyName: 'Øster' }, 'name'],
    ['the same letter written as such', 'sat with ØSTER', { ...chris, familyName: 'Øster' }, 'name'],
    ['ł and ß', 'Lukasz Strasse came', { ...chris, givenName: 'Łukasz', familyName: 'Straße' }, 'name'],
    ['nothing', 'Engaged well; practised refusal skills', maria, null],
    ['empty', '   ', maria, null],
  ];
  it.each(cases)('%s', (_label, text, member, expected) => {
    expect(identifies(text, member)).toBe(expected);
  });
});

describe('findLeaks', () => {
  const members = [maria, hope, james];
  it('lets a part name its own person and refuses another, naming the field path only', () => {
    const leaks = findLeaks(
      [
        { path: 'parts.p-maria.participation', text: 'Maria shared openly', ownerId: 'p-maria' },
        { path: 'parts.p-maria.response', text: 'responded to Jim', ownerId: 'p-maria' },
        { path: 'parts.p-hope.response', text: 'expressed hope', ownerId: 'p-hope' },
        { path: 'parts.p-james.goalProgress.0.text', text: 'Ms. Okafor helped', ownerId: 'p-james' },
      ],
      members,
    );
    expect(leaks).toEqual([
      { path: 'parts.p-maria.response', kind: 'name' },
      { path: 'parts.p-james.goalProgress.0.text', kind: 'name' },
    ]);
    expect(JSON.stringify(leaks)).not.toMatch(/jim|okafor/i);
  });
  it('the shared part may name nobody', () => {
    expect(findLeaks([{ path: 'shared.topic', text: "Maria's story", ownerId: null }], members)).toEqual([
      { path: 'shared.topic', kind: 'name' },
    ]);
    expect(findLeaks([{ path: 'shared.topic', text: 'Coping with cravings', ownerId: null }], members)).toEqual([]);
  });
});

describe('fold', () => {
  it('removes marks, lower-cases and straightens apostrophes', () => {
    expect(fold('Ñúñez’s ÅSA Øre')).toBe("nunez's asa ore");
  });
});
