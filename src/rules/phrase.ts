/**
 * Reading a value as a phrase of words, whatever joins them: `-`, `_`, spaces, dots, other
 * punctuation, camelCase or run-together capitals (`ci-secret-key`, `ciSecretKey`, `CISECRETKEY`
 * are the same three words). A value with any random-looking run — letters mixed with digits, a
 * stray letter, an unpronounceable run — is not a phrase. Used by the placeholder classifier.
 */

/** A value read as words: lower-cased words in order, and how many are not in the vocabulary. */
export interface Phrase {
  words: string[];
  unknown: number;
}

/**
 * Words placeholders and descriptions are made of. Segmenting run-together text (`yoursecretkeyhere`)
 * uses only these, so the list leans to the words such values use.
 */
const VOCABULARY = new Set(
  `
a i an the this that these those it its is are be been being was were has have had do does did done
my your our their me you we us they own mine yours his her
in on at by for from to of with without via into as about over under per
and or but not no nor so too very really just only still even also yet again ever never always
here there below above later now before after when if then else will would should must can could may
key keys secret secrets password passwords pass passwd passphrase token tokens value values string strings
text word words phrase thing something anything nothing whatever every all any none null nil empty blank
app apps application project site website web service services api backend frontend server database db
django python flask docker compose kubernetes k8s helm heroku aws gcp azure github gitlab actions action
pipeline workflow jenkins travis circleci bitbucket ci cd build builds building builder image container
unit integration e2e suite fixture fixtures case cases check checks lint static staticfiles collectstatic
compilemessages migrate migrations manage command commands run runs running runtime time times
go goes going get got make made keep let see look read give use used using usage need needs needed
require required requires requirement
one two three first second other another more less most least long short new old next previous current
please thanks note warning important sure
config configuration configured settings setting setup env environment environments variable variables
var vars
public private hidden sensitive access signing sign signature signed session sessions auth authentication
cookie cookies csrf jwt hash hashing salt crypto encryption encrypt decrypt
unique random randomly characters character chars char letters length
commit committed git repo repository source code file files line lines
real actual valid invalid secure security safe unsafe insecure strong weak good bad better best
production prod staging stage dev develop development developer local localhost deploy deployment release
change changed changes changeme replace replaced replaceme update updated override overridden overwrite
put add set fill insert enter type write paste copy create generate generated generator
dummy fake mock mocked stub placeholder example examples sample samples demo demonstration tutorial
docs documentation readme notasecret notsecret nosecret redacted todo fixme tbd setme fillme
irrelevant unused ignored ignore unimportant throwaway disposable bogus junk garbage nope
foo bar baz qux quux foobar xyz abc test tests testing tester pytest unittest debug debugging
default defaults temporary temp tmp optional str key1 key2 purpose purposes dont donotuse dontuse
correct wrong rotated rotate rotation fallback fallbacks super top extra
order orders payment user users admin account accounts email mail data stolen leak leaked leaks
e2e k8s s3 oauth2 py3 i18n l10n sha256 base64 utf8
c import print openssl rand hex urlsafe shell
`
    .split(/\s+/)
    .filter(Boolean)
);

/** Run-together words longer than this are not segmented (the search is quadratic in it). */
const MAX_SEGMENT_WORD = 64;
/** The longest vocabulary word tried at each position while segmenting. */
const MAX_VOCABULARY_WORD = 16;
/** Longer text is not a phrase anyone typed as a placeholder. */
const MAX_PHRASE_LENGTH = 256;

/** Is `word` (lower case) in the vocabulary? */
export function isKnownWord(word: string): boolean {
  return VOCABULARY.has(word);
}

/** Break a lower-case run-together word ("yoursecretkeyhere") into vocabulary words, or null. */
export function segment(word: string): string[] | null {
  if (VOCABULARY.has(word)) return [word];
  if (word.length > MAX_SEGMENT_WORD) return null;
  const best: Array<string[] | null> = [[]];
  for (let end = 1; end <= word.length; end++) {
    best[end] = null;
    for (let start = Math.max(0, end - MAX_VOCABULARY_WORD); start < end; start++) {
      const prefix = best[start];
      const piece = word.slice(start, end);
      if (prefix && (piece.length > 1 || piece === 'a') && VOCABULARY.has(piece)) {
        best[end] = [...prefix, piece];
        break;
      }
    }
  }
  return best[word.length] ?? null;
}

/**
 * Could this lower-case run be a word someone typed (`rotated`, `harbor`) rather than a random run
 * (`qzxkvbn`, `xq`)? Three to fourteen letters, a vowel, no long consonant or vowel runs, no triples.
 */
function looksLikeWord(word: string): boolean {
  if (word.length < 3 || word.length > 14) return false;
  if (!/[aeiouy]/.test(word) || /[^aeiouy]{5,}|[aeiou]{4,}|(.)\1\1/.test(word)) return false;
  const vowels = word.replace(/[^aeiouy]/g, '').length;
  return vowels / word.length >= 0.2;
}

/** Split letters at camelCase boundaries: `djangoSecretKey` → django Secret Key, `XMLKey` → XML Key. */
function camelParts(letters: string): string[] {
  return letters
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(' ');
}

/** Shorter runs are one word or none: a few known letters in ten random ones prove nothing. */
const MIN_LOOSE_LENGTH = 10;
/** Share of a long run-together text that may fall outside the vocabulary and still read as words. */
const MAX_UNKNOWN_SHARE = 0.25;
/** The price of one unknown but pronounceable word inside run-together text (a stray letter costs one). */
const UNKNOWN_WORD_COST = 2;
/**
 * A tie-break per letter of an unknown word, so known words are not swallowed into a longer unknown
 * one (`travisciwhy` + `not` against `travis` `ci` `why` `not`); too small to move any threshold.
 */
const UNKNOWN_LETTER_COST = 0.001;

/**
 * Segment a long run-together text (`donotusethissecretkeyitisnotsecure…`) letting a few letters
 * fall outside the vocabulary: each unknown letter costs one, known words cost nothing. Returns the
 * known words and how many unknown stretches there were, or null when too much is unknown.
 */
function looseSegment(word: string): Phrase | null {
  if (word.length < MIN_LOOSE_LENGTH || word.length > MAX_SEGMENT_WORD) return null;
  const cost: number[] = [0];
  const from: number[] = [0];
  // How each step was taken: a vocabulary word, an unknown but pronounceable word, or one stray letter.
  const how: Array<'known' | 'word' | 'letter'> = ['known'];
  for (let end = 1; end <= word.length; end++) {
    cost[end] = (cost[end - 1] ?? 0) + 1;
    from[end] = end - 1;
    how[end] = 'letter';
    for (let start = Math.max(0, end - MAX_VOCABULARY_WORD); start < end - 1; start++) {
      const before = cost[start] ?? Infinity;
      const piece = word.slice(start, end);
      if (before < (cost[end] ?? Infinity) && VOCABULARY.has(piece)) {
        cost[end] = before;
        from[end] = start;
        how[end] = 'known';
      } else if (
        before + UNKNOWN_WORD_COST + UNKNOWN_LETTER_COST * (end - start) < (cost[end] ?? Infinity) &&
        end - start >= 3 &&
        looksLikeWord(piece)
      ) {
        // A real word the vocabulary lacks (`CISECRETKEYBANANAPANCAKE`): a flat price, not one per letter.
        cost[end] = before + UNKNOWN_WORD_COST + UNKNOWN_LETTER_COST * (end - start);
        from[end] = start;
        how[end] = 'word';
      }
    }
  }
  if ((cost[word.length] ?? Infinity) > MAX_UNKNOWN_SHARE * word.length) return null;
  const phrase: Phrase = { words: [], unknown: 0 };
  let inUnknown = false;
  for (let end = word.length; end > 0; end = from[end] ?? 0) {
    const start = from[end] ?? 0;
    const step = how[end];
    const known = step === 'known' || VOCABULARY.has(word.slice(start, end));
    if (step !== 'letter') phrase.words.unshift(word.slice(start, end));
    if (!known && (step === 'word' || !inUnknown)) phrase.unknown++;
    inUnknown = step === 'letter' && !known;
  }
  // Known words must carry the phrase: a run cut into pronounceable chunks is not a description.
  if (phrase.words.length - phrase.unknown < phrase.unknown + 1) return null;
  return phrase;
}

/**
 * A name run together with known words (`netboxci`, `ciacmecorp`): one pronounceable word the
 * vocabulary lacks — the project's own name, most often — before or after words it has (two letters
 * or more each). Returns the words, the unknown one included, or null.
 */
function nameAndWords(word: string): string[] | null {
  const knownWords = (text: string) => {
    const words = segment(text);
    return words && words.every((known) => known.length >= 2) ? words : null;
  };
  for (let cut = 4; cut <= Math.min(14, word.length - 2); cut++) {
    const name = word.slice(0, cut);
    const rest = looksLikeWord(name) ? knownWords(word.slice(cut)) : null;
    if (rest) return [name, ...rest];
  }
  for (let cut = 2; cut <= word.length - 4; cut++) {
    const name = word.slice(cut);
    const before = name.length <= 14 && looksLikeWord(name) ? knownWords(word.slice(0, cut)) : null;
    if (before) return [...before, name];
  }
  return null;
}

/** Read one run of letters as words, or null when it is not made of words. */
function letterWords(letters: string, into: Phrase): boolean {
  for (const part of camelParts(letters)) {
    const lower = part.toLowerCase();
    const known = segment(lower);
    // Words first, then one unknown word: `TRAVISCIWHYNOT` is travis-ci-why-not, not one odd word.
    const loose = known ? null : looseSegment(lower);
    if (known) into.words.push(...known);
    else if (loose) {
      into.words.push(...loose.words);
      into.unknown += loose.unknown;
    } else {
      const named = nameAndWords(lower);
      if (named) into.words.push(...named);
      else if (looksLikeWord(lower)) into.words.push(lower);
      else return false;
      into.unknown++;
    }
  }
  return true;
}

/**
 * The words of `value`, or null when any run of it is random-looking. Digits are allowed as short
 * numbers of their own or after a word (`key1`, `test-2024`), never before or inside one (`Tr0mbone`).
 */
export function phraseWords(value: string): Phrase | null {
  if (value.length > MAX_PHRASE_LENGTH) return null;
  const phrase: Phrase = { words: [], unknown: 0 };
  const pieces = value
    .replace(/n['’]t\b/gi, 'nt')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  if (pieces.length === 0) return null;
  for (const piece of pieces) {
    if (/^\d+$/.test(piece)) {
      if (piece.length > 4) return null;
      phrase.words.push(piece);
      continue;
    }
    if (VOCABULARY.has(piece.toLowerCase())) {
      phrase.words.push(piece.toLowerCase());
      continue;
    }
    const match = /^([A-Za-z]+)(\d{0,4})$/.exec(piece);
    if (!match || !letterWords(match[1] ?? '', phrase)) return null;
  }
  return phrase;
}
