/**
 * Which skills a job requires and which it only would like: the job text is
 * cut where it says so ("Requirements:", "Must have", "Nice to have",
 * "Bonus", "Preferred", "… is a plus"), and each skill takes the class of
 * the part it is named in.
 */
import { extractSkills, type SkillMention } from './skills';
import { normalizeText } from './text';

export type Need = 'required' | 'nice';

export interface JobSkill extends SkillMention {
  readonly need: Need;
}

type Part = 'required' | 'nice' | 'other' | 'neutral';

const REQUIRED = String.raw`requirements|required(?: skills| qualifications)?|must[- ]haves?|must have|what you(?:'ll)? need|(?:minimum |basic )?qualifications|you have|you bring|what we(?:'re| are) looking for|what we look for|who you are|skills(?: and experience)?`;
const NICE = String.raw`nice[- ]to[- ]haves?|nice to have|bonus(?: points)?|preferred(?: qualifications| skills)?|pluses|desirable|good to have|ideally|extra credit`;
const OTHER = String.raw`benefits|perks|what we offer|about us|about the company|compensation|salary|how to apply`;

const INLINE_MARKER = new RegExp(String.raw`\b(${REQUIRED}|${NICE}|${OTHER})\s*:`, 'gi');
const HEADING = new RegExp(String.raw`^(?:#+\s*)?(${REQUIRED}|${NICE}|${OTHER}|responsibilities|what you(?:'ll)? do|about the role|the role)\s*:?$`, 'i');
/** A sentence that marks itself optional: "CPA preferred.", "Go is a plus." */
const NICE_SENTENCE = /\b(preferred|is a plus|a plus|a bonus|nice to have|desirable|ideally|advantageous)\b/i;

function classOf(marker: string): Part {
  const m = marker.toLowerCase();
  if (new RegExp(`^(?:${NICE})$`, 'i').test(m)) return 'nice';
  if (new RegExp(`^(?:${REQUIRED})$`, 'i').test(m)) return 'required';
  if (new RegExp(`^(?:${OTHER})$`, 'i').test(m)) return 'other';
  return 'neutral';
}

interface Piece {
  readonly text: string;
  readonly part: Part;
  /** A short bullet under a heading: a list item, not prose. */
  readonly listItem: boolean;
}

/** The job text cut into pieces, each with what it says about the skills in it. */
export function splitJobText(text: string): Piece[] {
  const pieces: Piece[] = [];
  let block: Part = 'neutral';
  for (const rawLine of normalizeText(text).split(/\r?\n/)) {
    const line = rawLine.trim().replace(/^[-*•]\s*/, '');
    if (!line) continue;
    const heading = HEADING.exec(line);
    if (heading) {
      block = classOf(heading[1]!);
      continue;
    }
    for (const sentence of line.split(/(?<=[.!?])\s+(?=[A-Z0-9"(])/)) {
      // An inline "Requirements: a, b, c." governs the rest of its sentence only.
      let part: Part = block;
      let last = 0;
      INLINE_MARKER.lastIndex = 0;
      for (let m = INLINE_MARKER.exec(sentence); m; m = INLINE_MARKER.exec(sentence)) {
        pushPiece(pieces, sentence.slice(last, m.index), part, false);
        part = classOf(m[1]!);
        last = m.index + m[0].length;
      }
      pushPiece(pieces, sentence.slice(last), part, last === 0 && block !== 'neutral' && sentence.split(/\s+/).length <= 6);
    }
  }
  return pieces;
}

function pushPiece(pieces: Piece[], text: string, part: Part, listItem: boolean): void {
  if (!text.trim()) return;
  pieces.push({ text, part: part !== 'other' && NICE_SENTENCE.test(text) ? 'nice' : part, listItem });
}

/**
 * Skills of a job, each required or nice to have. A skill named in both is
 * required. Skills named outside any marked part count as required when the
 * job marks no requirements at all, and as nice to have when it does.
 */
export function jobSkills(text: string): JobSkill[] {
  const pieces = splitJobText(text);
  const hasRequired = pieces.some((p) => p.part === 'required');
  const byName = new Map<string, JobSkill>();
  let unit = 0;
  for (const piece of pieces) {
    const need: Need = piece.part === 'required' || (piece.part === 'neutral' && !hasRequired) ? 'required' : 'nice';
    if (piece.part === 'other') continue;
    for (const mention of extractSkills(piece.text, { asList: piece.listItem })) {
      const prior = byName.get(mention.name);
      if (!prior || (prior.need === 'nice' && need === 'required')) {
        byName.set(mention.name, { ...mention, unit: prior?.unit ?? unit + mention.unit, need });
      }
    }
    unit += 1000;
  }
  return [...byName.values()].sort((a, b) => a.unit - b.unit);
}
