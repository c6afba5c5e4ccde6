// The parser of keyword patterns (see safe-regex.ts): the usual regular
// expression syntax into a small tree of character tests, assertions,
// sequences, alternatives and bounded repeats, with a message for the settings
// form for everything it refuses (back-references, lookarounds, huge counts).
import { type MessageKey, type Params, t as translate } from "../ui/i18n";

export const MAX_REPEAT = 100;

export type Test = (c: string) => boolean;
export type Node =
  | { t: "char"; test: Test }
  | { t: "assert"; kind: "bol" | "eol" | "word" | "nonword" }
  | { t: "cat"; items: Node[] }
  | { t: "alt"; options: Node[] }
  | { t: "rep"; node: Node; min: number; max: number };

/** Why a pattern is refused, in the reader's language (patterns are checked when a rule form is saved). */
export class PatternError extends Error {
  constructor(key: MessageKey, params?: Params) {
    super(translate(key, params));
  }
}

/** Lower-cased NFKC form of one character, as keyword input is normalised. */
function fold(c: string): string {
  return c.normalize("NFKC").toLowerCase();
}

const isDigit: Test = (c) => c >= "0" && c <= "9";
export const isWord: Test = (c) => isDigit(c) || (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c === "_";
const isSpace: Test = (c) => /\s/u.test(c);
const not =
  (t: Test): Test =>
  (c) =>
    !t(c);

export class Parser {
  private i = 0;
  private readonly chars: string[];
  constructor(source: string) {
    this.chars = [...source];
  }

  parse(): Node {
    const node = this.alt();
    if (this.i < this.chars.length) throw (this.peek() === ")" ? new PatternError("automation.pattern.unmatchedClose") : new PatternError("automation.pattern.unexpected", { char: this.peek() ?? "" }));
    return node;
  }

  private peek(): string | undefined {
    return this.chars[this.i];
  }

  private alt(): Node {
    const options = [this.concat()];
    while (this.peek() === "|") {
      this.i++;
      options.push(this.concat());
    }
    return options.length === 1 ? (options[0] as Node) : { t: "alt", options };
  }

  private concat(): Node {
    const items: Node[] = [];
    while (this.i < this.chars.length && this.peek() !== "|" && this.peek() !== ")") items.push(this.repeat());
    return { t: "cat", items };
  }

  private repeat(): Node {
    const atom = this.atom();
    const q = this.quantifier();
    if (!q) return atom;
    if (atom.t === "assert") throw new PatternError("automation.pattern.anchorRepeat");
    if (this.peek() === "?") this.i++; // lazy or greedy is the same for "does it match"
    if (this.peek() === "*" || this.peek() === "+" || this.peek() === "?") throw new PatternError("automation.pattern.doubleRepeat");
    return { t: "rep", node: atom, ...q };
  }

  private quantifier(): { min: number; max: number } | null {
    const simple: Record<string, { min: number; max: number }> = { "*": { min: 0, max: Infinity }, "+": { min: 1, max: Infinity }, "?": { min: 0, max: 1 } };
    const c = this.peek() ?? "";
    if (simple[c]) {
      this.i++;
      return simple[c];
    }
    if (c !== "{") return null;
    const rest = this.chars.slice(this.i).join("");
    const m = /^\{(\d{1,4})(,(\d{0,4}))?\}/.exec(rest);
    if (!m) return null; // a literal {
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === "" ? Infinity : Number(m[3]);
    if (min > MAX_REPEAT || (max !== Infinity && max > MAX_REPEAT)) throw new PatternError("automation.pattern.repeatLimit", { max: MAX_REPEAT });
    if (max < min) throw new PatternError("automation.pattern.repeatOrder");
    this.i += [...m[0]].length;
    return { min, max };
  }

  private atom(): Node {
    const c = this.chars[this.i++];
    switch (c) {
      case "(": {
        if (this.peek() === "?") {
          const next = this.chars[this.i + 1];
          if (next !== ":") throw new PatternError(next === "=" || next === "!" || next === "<" ? "automation.pattern.lookaround" : "automation.pattern.unknownGroup");
          this.i += 2;
        }
        const inner = this.alt();
        if (this.chars[this.i++] !== ")") throw new PatternError("automation.pattern.unclosedGroup");
        return inner;
      }
      case "[":
        return this.charClass();
      case ".":
        return { t: "char", test: (x) => x !== "\n" && x !== "\r" };
      case "^":
        return { t: "assert", kind: "bol" };
      case "$":
        return { t: "assert", kind: "eol" };
      case "\\":
        return this.escape(false);
      case "*":
      case "+":
      case "?":
        throw new PatternError("automation.pattern.nothingToRepeat", { char: c });
      case undefined:
        throw new PatternError("automation.pattern.endsEarly");
      default:
        return literal(c);
    }
  }

  /** After a backslash. In a class, \b is a backspace and assertions are not allowed. */
  private escape(inClass: boolean): Node {
    const c = this.chars[this.i++];
    if (c === undefined) throw new PatternError("automation.pattern.loneBackslash");
    if (/[1-9]/.test(c) || c === "k") throw new PatternError("automation.pattern.backReference");
    if (c === "p" || c === "P") throw new PatternError("automation.pattern.propertyClass");
    const classes: Record<string, Test> = { d: isDigit, D: not(isDigit), w: isWord, W: not(isWord), s: isSpace, S: not(isSpace) };
    if (classes[c]) return { t: "char", test: classes[c] as Test };
    if (!inClass && (c === "b" || c === "B")) return { t: "assert", kind: c === "b" ? "word" : "nonword" };
    const controls: Record<string, string> = { n: "\n", t: "\t", r: "\r", f: "\f", v: "\v", "0": "\0" };
    if (controls[c]) return literal(controls[c] as string);
    if (c === "u" || c === "x") {
      const len = c === "u" ? 4 : 2;
      const hex = this.chars.slice(this.i, this.i + len).join("");
      if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) throw new PatternError("automation.pattern.hexDigits", { escape: `\\${c}`, count: len });
      this.i += len;
      return literal(String.fromCharCode(parseInt(hex, 16)));
    }
    if (/[a-zA-Z]/.test(c)) throw new PatternError("automation.pattern.unknownEscape", { escape: `\\${c}` });
    return literal(c);
  }

  private charClass(): Node {
    const negate = this.peek() === "^";
    if (negate) this.i++;
    const tests: Test[] = [];
    let first = true;
    while (this.peek() !== "]" || first) {
      first = false;
      const c = this.chars[this.i++];
      if (c === undefined) throw new PatternError("automation.pattern.unclosedClass");
      let lo: string;
      if (c === "\\") {
        const e = this.escape(true);
        if (e.t !== "char") throw new PatternError("automation.pattern.classEscape");
        const single = singleChar(e);
        if (single === null) {
          tests.push(e.test);
          continue;
        }
        lo = single;
      } else lo = c;
      if (this.peek() === "-" && this.chars[this.i + 1] !== undefined && this.chars[this.i + 1] !== "]") {
        this.i++;
        let hi = this.chars[this.i++] as string;
        if (hi === "\\") {
          const e = this.escape(true);
          const single = e.t === "char" ? singleChar(e) : null;
          if (single === null) throw new PatternError("automation.pattern.classRange");
          hi = single;
        }
        if (hi < lo) throw new PatternError("automation.pattern.backwardsRange", { range: `${lo}-${hi}` });
        const [a, b] = [lo, hi];
        tests.push((x) => (x >= a && x <= b) || (x.toUpperCase() >= a && x.toUpperCase() <= b));
      } else {
        const folded = fold(lo);
        tests.push((x) => x === lo || x === folded);
      }
    }
    this.i++; // ]
    const member: Test = (x) => tests.some((t) => t(x));
    return { t: "char", test: negate ? not(member) : member };
  }
}

/** The character a literal node stands for (for ranges in classes), or null for a class like \d. */
const LITERALS = new WeakMap<Test, string>();
function singleChar(node: { test: Test }): string | null {
  return LITERALS.get(node.test) ?? null;
}

function literal(c: string): Node {
  const folded = fold(c);
  const chars = [...folded];
  if (chars.length !== 1) return { t: "cat", items: chars.map((x) => ({ t: "char", test: (y: string) => y === x })) };
  const test: Test = (y) => y === folded;
  LITERALS.set(test, c);
  return { t: "char", test };
}
