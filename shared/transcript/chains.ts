/**
 * Topic chains ("ping-pong" on one subject, Kijkwijzer theme spreektijd, `003_*`): does the
 * conversation stay with a topic over several turns, or does every question open a new one?
 *
 * The heuristic, approximating "on one topic" by lexical overlap:
 * 1. Each turn's text becomes a set of content stems: lower case, accents folded, words of at
 *    least four letters that are not Dutch function words, with a crude suffix strip
 *    (-tjes, -jes, -tje, -je, -en, -es, -s, -e while four letters remain), then doubled vowels and
 *    a doubled final consonant folded, so that "afspraak" and "afspraken" meet ("afsprak").
 * 2. Two consecutive turns are *linked* when they share at least one stem.
 * 3. A turn without any content stem ("ja", "hm hm", "oké") is a listener's signal: it neither
 *    links nor breaks; the next turn is compared with the last turn that had content.
 * 4. A *chain* is a maximal run of linked turns; it counts when it spans at least three turns
 *    with content (speaker A → B → A: ping-pong). A *topic shift* is a content turn not linked to
 *    the content turn before it.
 * It is an approximation: synonyms and pronouns ("dat", "die") do not link; the researcher judges.
 */
export interface ChainTurn {
  speaker: string;
  start: number;
  end: number;
  text: string;
}

export interface TopicChain {
  start: number;
  end: number;
  /** Content turns in the chain. */
  turns: number;
  /** The stems that linked it, most frequent first (at most five). */
  words: string[];
}

export interface TopicFigures {
  chains: TopicChain[];
  /** Consecutive content turns sharing a stem. */
  linkedPairs: number;
  /** Content turns not linked to the content turn before. */
  topicShifts: number;
}

/** Chains shorter than this many content turns are an exchange, not a chain. */
export const minChainTurns = 3;

const functionWords = new Set(
  (
    'aan achter af al alle waarom waarover waarmee waardoor hoeveel alles als altijd ander andere ben bent bij binnen daar daarom dan dat de deze die dit doch doe doen door dus een eens en er ergens even geen gehad geweest gewoon graag had hadden heb hebben hebt heel heeft hem hen het hier hij hoe hun iemand iets ik in is ja je jij jou jouw jullie kan kon kunnen kunt laat maar me meer men met mij mijn moet moeten mogen na naar niet niets nog nou nu of om omdat ons onze ook op over precies reeds staat te tegen toch toen tot u uit uw van veel voor waar wanneer want waren was wat we wel welke werd wezen wie wij wil wilt worden wordt zal ze zei zelf zich zie zij zijn zo zo\'n zoals zonder zou zouden zullen oké okee goed eigenlijk misschien beetje allemaal dingen ding zeggen zegt gaan gaat komen komt weet weten denk denkt vind vindt echt even keer'
  ).split(' '),
);

const suffixes = ['tjes', 'jes', 'tje', 'je', 'en', 'es', 's', 'e'];

function stem(word: string): string {
  let w = word;
  for (const suffix of suffixes) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 4) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  // Dutch spelling doubles vowels in closed syllables and consonants after short ones:
  // "afspraak"/"afspraken", "bak"/"bakken" fold to one form.
  return w.replace(/([aeou])\1/g, '$1').replace(/([b-df-hj-np-tv-z])\1$/, '$1');
}

/** Words repeat a lot in a conversation: each is stemmed once per process. */
const stemCache = new Map<string, string | null>();
const stemCacheLimit = 50_000;

/** The content stems of a text (see the heuristic above). */
export function contentStems(text: string): Set<string> {
  const lower = text.toLowerCase();
  // Folding accents is only needed when there is something beyond ASCII (most lines have none).
  const folded = /[^ -~\s]/.test(lower) ? lower.normalize('NFD').replace(/\p{M}/gu, '') : lower;
  const stems = new Set<string>();
  for (const word of folded.split(/[^a-z\u00c0-\u024f']+/)) {
    if (word.length < 4) continue;
    let s = stemCache.get(word);
    if (s === undefined) {
      s = functionWords.has(word) ? null : stem(word);
      if (stemCache.size >= stemCacheLimit) stemCache.clear();
      stemCache.set(word, s);
    }
    if (s !== null) stems.add(s);
  }
  return stems;
}

export function topicFigures(turns: readonly ChainTurn[]): TopicFigures {
  const chains: TopicChain[] = [];
  let linkedPairs = 0;
  let topicShifts = 0;
  let previous: Set<string> | null = null;
  let run: { start: number; end: number; turns: number; counts: Map<string, number> } | null = null;
  const close = (): void => {
    if (run !== null && run.turns >= minChainTurns) {
      const words = [...run.counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 5).map(([w]) => w);
      chains.push({ start: run.start, end: run.end, turns: run.turns, words });
    }
    run = null;
  };
  for (const turn of turns) {
    const stems = contentStems(turn.text);
    if (stems.size === 0) {
      if (run !== null) run.end = Math.max(run.end, turn.end);
      continue;
    }
    const shared = previous === null ? [] : [...stems].filter((s) => previous!.has(s));
    if (previous !== null && shared.length > 0 && run !== null) {
      linkedPairs++;
      run.turns++;
      run.end = turn.end;
      for (const s of shared) run.counts.set(s, (run.counts.get(s) ?? 0) + 1);
    } else {
      if (previous !== null) topicShifts++;
      close();
      run = { start: turn.start, end: turn.end, turns: 1, counts: new Map() };
    }
    previous = stems;
  }
  close();
  return { chains, linkedPairs, topicShifts };
}
