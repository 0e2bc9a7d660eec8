/**
 * The group-note leak check: a person's part lands in their own chart, so it must not name or identify anyone else
 * in the group. The rule, designed to catch real leaks without flagging ordinary words:
 *
 * - Text and names are compared after Unicode folding (NFKD, marks removed: "José" = "jose"; letters like ø, ł,
 *   æ, ß spelled out: "Øster" = "oster") and lower-casing;
 *   curly apostrophes count as straight ones.
 * - Names match whole words only, so "Al" never matches "also" and "Ed" never "talked"; a possessive ("Maria's",
 *   "James'") is the name. A multi-word name ("Mary Ann", "de la Cruz") matches as the whole phrase, and each of its
 *   words of three letters or more (other than particles like "de", "van") matches on its own.
 * - Names that are also everyday English words ("Hope", "Will", "Grace", "Mark"; family names like "Long",
 *   "Young", "King") match only when written with a capital letter and not at the start of a sentence, so
 *   "expressed hope" and "a long day" pass and "sat next to Hope" does not. Other names match in any case:
 *   "smith" is as identifying as "Smith".
 * - Names of one letter are ignored (initials are handled below).
 * - The MRN (five characters or more) matches anywhere its letters and digits appear in order as one token, with or without separators
 *   ("MRN 000123", "000-123").
 * - Initials: "J.S.", "J. S." and (capitalised, as written) "JS" match a member whose given (or preferred) and
 *   family names start with those letters; "J. Smith" is caught by the family name.
 *
 * The result carries field paths and the kind of identifier only, never the words found: error messages carry no PHI.
 */

export interface GroupMember {
  patientId: string;
  givenName: string;
  familyName: string;
  preferredName: string | null;
  mrn: string;
}

export interface TextField {
  /** Where the text sits, e.g. `parts.<patientId>.response`. */
  path: string;
  text: string;
  /** The member whose own part this is (they may be named in it), or null for the shared part. */
  ownerId: string | null;
}

export type LeakKind = 'name' | 'mrn' | 'initials';

export interface Leak {
  path: string;
  kind: LeakKind;
}

const PARTICLES = new Set([
  'de',
  'la',
  'del',
  'della',
  'da',
  'di',
  'do',
  'dos',
  'das',
  'du',
  'le',
  'van',
  'von',
  'der',
  'den',
  'ten',
  'ter',
  'bin',
  'ibn',
  'al',
  'el',
  'st',
  'mc',
  'mac',
  'y',
]);

/** Given names that are also everyday words; they count only when capitalised mid-sentence. */
const COMMON_WORDS = new Set([
  'hope',
  'faith',
  'grace',
  'joy',
  'will',
  'mark',
  'bill',
  'rose',
  'may',
  'june',
  'april',
  'august',
  'dawn',
  'sky',
  'summer',
  'amber',
  'ray',
  'art',
  'pat',
  'sue',
  'guy',
  'rob',
  'jack',
  'frank',
  'max',
  'chase',
  'hunter',
  'mercy',
  'honor',
  'patience',
  'charity',
  'constance',
  'prudence',
  'trinity',
  'destiny',
  'harmony',
  'melody',
  'autumn',
  'winter',
  'river',
  'brook',
  'lily',
  'violet',
  'iris',
  'ivy',
  'holly',
  'heather',
  'hazel',
  'ruby',
  'pearl',
  'crystal',
  'jade',
  'ginger',
  'candy',
  'penny',
  'sunny',
  'rusty',
  'buddy',
  'sandy',
  'cliff',
  'dale',
  'glen',
  'wade',
  'miles',
  'lane',
  'gene',
  'don',
  'drew',
  'dean',
  'carol',
  'sterling',
  'noble',
  'earnest',
  'major',
  'king',
  'prince',
  'page',
  'royal',
  'star',
  'true',
  'young',
  'long',
  'best',
  'mason',
  'cook',
]);

/** Letters that carry no combining mark to strip, folded by hand ("Øster" = "Oster", "Łukasz" = "Lukasz"). */
const LETTERS: Record<string, string> = {
  ø: 'o',
  Ø: 'O',
  æ: 'ae',
  Æ: 'Ae',
  œ: 'oe',
  Œ: 'Oe',
  ß: 'ss',
  đ: 'd',
  Đ: 'D',
  ł: 'l',
  Ł: 'L',
  þ: 'th',
  Þ: 'Th',
  ı: 'i',
  ħ: 'h',
  Ħ: 'H',
};

/** Marks removed and hand-folded letters replaced, case kept (capitalisation matters for everyday-word names). */
function strip(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[øØæÆœŒßđĐłŁþÞıħĦ]/g, (c) => LETTERS[c] ?? c);
}

/** Unicode folding for comparison: marks removed, lower case, curly apostrophes straightened. */
export function fold(s: string): string {
  return strip(s)
    .replace(/[\u2018\u2019\u02bc\u0060\u00b4]/g, "'")
    .toLowerCase();
}

interface Token {
  /** Folded word. */
  word: string;
  /** Whether the word was written with an upper-case first letter. */
  capital: boolean;
  /** Whether the word starts a sentence (first word, or after . ! ? or a line break). */
  sentenceStart: boolean;
}

const WORD = /[\p{L}\p{N}]+/gu;

function tokens(text: string): Token[] {
  const out: Token[] = [];
  const normal = strip(text);
  let last = 0;
  let start = true;
  for (const m of normal.matchAll(WORD)) {
    const between = normal.slice(last, m.index);
    if (out.length > 0 && /[.!?\n]/.test(between)) start = true;
    const raw = m[0];
    // "'s" after a name is a possessive, not a word of its own.
    if (raw.toLowerCase() === 's' && /'$|\u2019$/.test(between) && out.length > 0) {
      last = m.index + raw.length;
      continue;
    }
    out.push({ word: raw.toLowerCase(), capital: /^\p{Lu}/u.test(raw), sentenceStart: start });
    start = false;
    last = m.index + raw.length;
  }
  return out;
}

const words = (name: string): string[] => fold(name).match(WORD) ?? [];

interface NamePattern {
  words: string[];
  /** Everyday word: must be capitalised and not open a sentence. */
  strict: boolean;
}

function namePatterns(m: GroupMember): NamePattern[] {
  const out: NamePattern[] = [];
  const add = (name: string | null) => {
    if (!name) return;
    const ws = words(name);
    if (ws.length === 0) return;
    const strictOf = (w: string[]) => w.length === 1 && COMMON_WORDS.has(w[0] ?? '');
    if (ws.length > 1 || (ws[0]?.length ?? 0) > 1) out.push({ words: ws, strict: strictOf(ws) });
    if (ws.length > 1) for (const w of ws) if (w.length >= 3 && !PARTICLES.has(w)) out.push({ words: [w], strict: strictOf([w]) });
  };
  add(m.givenName);
  add(m.preferredName);
  add(m.familyName);
  return out;
}

function matchesName(ts: Token[], p: NamePattern): boolean {
  for (let i = 0; i + p.words.length <= ts.length; i += 1) {
    let ok = true;
    for (let j = 0; j < p.words.length; j += 1) if (ts[i + j]?.word !== p.words[j]) ok = false;
    if (!ok) continue;
    const first = ts[i];
    if (p.strict && first && (!first.capital || first.sentenceStart)) continue;
    return true;
  }
  return false;
}

function matchesMrn(text: string, mrn: string): boolean {
  const target = fold(mrn).replace(/[^\p{L}\p{N}]/gu, '');
  if (target.length < 5) return false;
  // Join runs of letters/digits separated only by spaces or hyphens, then look for the MRN as a whole token.
  const runs = fold(text).match(/[\p{L}\p{N}]+(?:[ \-–]+[\p{L}\p{N}]+)*/gu) ?? [];
  for (const run of runs) {
    const parts = run.split(/[ \-–]+/);
    // Any window of consecutive pieces that spells the MRN exactly.
    for (let i = 0; i < parts.length; i += 1) {
      let joined = '';
      for (let j = i; j < parts.length && joined.length < target.length; j += 1) {
        joined += parts[j];
        if (joined === target) return true;
      }
    }
  }
  return false;
}

function matchesInitials(text: string, m: GroupMember): boolean {
  const family = words(m.familyName)[0]?.[0];
  if (!family) return false;
  const givens = [words(m.givenName)[0]?.[0], m.preferredName ? words(m.preferredName)[0]?.[0] : undefined].filter((x): x is string =>
    Boolean(x),
  );
  const normal = strip(text);
  for (const g of new Set(givens)) {
    const dotted = new RegExp(`(^|[^\\p{L}\\p{N}])${g}\\.\\s?${family}\\.?(?![\\p{L}\\p{N}])`, 'iu');
    const bare = new RegExp(`(^|[^\\p{L}\\p{N}])${g.toUpperCase()}${family.toUpperCase()}(?![\\p{L}\\p{N}])`, 'u');
    if (dotted.test(normal) || bare.test(normal)) return true;
  }
  return false;
}

/** What in `text` identifies `m`, or null. */
export function identifies(text: string, m: GroupMember): LeakKind | null {
  if (!text.trim()) return null;
  const ts = tokens(text);
  if (namePatterns(m).some((p) => matchesName(ts, p))) return 'name';
  if (matchesMrn(text, m.mrn)) return 'mrn';
  if (matchesInitials(text, m)) return 'initials';
  return null;
}

/**
 * Every field that names or identifies a member other than its owner (the shared part may name no member at all).
 * One leak per field, in the order the fields were given.
 */
export function findLeaks(fields: readonly TextField[], members: readonly GroupMember[]): Leak[] {
  const out: Leak[] = [];
  for (const f of fields) {
    for (const m of members) {
      if (m.patientId === f.ownerId) continue;
      const kind = identifies(f.text, m);
      if (kind) {
        out.push({ path: f.path, kind });
        break;
      }
    }
  }
  return out;
}
