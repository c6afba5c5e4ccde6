// Keyword patterns ("regular expression" match mode) on a linear-time matcher.
// JavaScript's RegExp backtracks, so a pattern like (a+)+$ can hang the Worker
// on one customer message, and a Worker cannot interrupt a running RegExp. We
// compile the usual syntax (literals, ., classes, \d \w \s \b, ^ $, groups,
// |, * + ? {n,m}) to a small program and run it as a Pike VM: every input
// character is looked at once per program state, so the time is bounded by
// pattern size × input size, and a step budget caps even that.
// Back-references and lookarounds (which need backtracking) are refused on save.

export const REGEX_MAX_LENGTH = 200;
const MAX_PROGRAM = 2000;
const MAX_REPEAT = 100;
/** Upper bound of VM steps per match; past it the pattern simply does not match. */
const STEP_BUDGET = 200_000;

type Test = (c: string) => boolean;
type Node =
  | { t: "char"; test: Test }
  | { t: "assert"; kind: "bol" | "eol" | "word" | "nonword" }
  | { t: "cat"; items: Node[] }
  | { t: "alt"; options: Node[] }
  | { t: "rep"; node: Node; min: number; max: number };

type Op =
  | { op: "char"; test: Test }
  | { op: "split"; x: number; y: number }
  | { op: "jmp"; x: number }
  | { op: "assert"; kind: "bol" | "eol" | "word" | "nonword" }
  | { op: "match" };

export class PatternError extends Error {}

/** Lower-cased NFKC form of one character, as keyword input is normalised. */
function fold(c: string): string {
  return c.normalize("NFKC").toLowerCase();
}

const isDigit: Test = (c) => c >= "0" && c <= "9";
const isWord: Test = (c) => isDigit(c) || (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c === "_";
const isSpace: Test = (c) => /\s/u.test(c);
const not =
  (t: Test): Test =>
  (c) =>
    !t(c);

class Parser {
  private i = 0;
  private readonly chars: string[];
  constructor(source: string) {
    this.chars = [...source];
  }

  parse(): Node {
    const node = this.alt();
    if (this.i < this.chars.length) throw new PatternError(this.peek() === ")" ? "There is a ) without its (" : `Unexpected “${this.peek()}”`);
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
    if (atom.t === "assert") throw new PatternError("^, $ and \\b cannot be repeated");
    if (this.peek() === "?") this.i++; // lazy or greedy is the same for "does it match"
    if (this.peek() === "*" || this.peek() === "+" || this.peek() === "?") throw new PatternError("Two repeat signs in a row (like a**) are not supported");
    return { t: "rep", node: atom, ...q };
  }

  private quantifier(): { min: number; max: number } | null {
    const c = this.peek();
    if (c === "*") return this.i++, { min: 0, max: Infinity };
    if (c === "+") return this.i++, { min: 1, max: Infinity };
    if (c === "?") return this.i++, { min: 0, max: 1 };
    if (c !== "{") return null;
    const rest = this.chars.slice(this.i).join("");
    const m = /^\{(\d{1,4})(,(\d{0,4}))?\}/.exec(rest);
    if (!m) return null; // a literal {
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === "" ? Infinity : Number(m[3]);
    if (min > MAX_REPEAT || (max !== Infinity && max > MAX_REPEAT)) throw new PatternError(`Repeat counts are limited to ${MAX_REPEAT}`);
    if (max < min) throw new PatternError("In {n,m} the first number must not be larger than the second");
    this.i += [...m[0]].length;
    return { min, max };
  }

  private atom(): Node {
    const c = this.chars[this.i++];
    switch (c) {
      case "(": {
        if (this.peek() === "?") {
          const next = this.chars[this.i + 1];
          if (next !== ":") throw new PatternError(next === "=" || next === "!" || next === "<" ? "Lookarounds and named groups like (?= ) or (?<name> ) are not supported; use ( ) or (?: )" : "Unknown group (?…)");
          this.i += 2;
        }
        const inner = this.alt();
        if (this.chars[this.i++] !== ")") throw new PatternError("A ( is missing its )");
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
        throw new PatternError(`Nothing to repeat before ${c}`);
      case undefined:
        throw new PatternError("The pattern ends too early");
      default:
        return literal(c);
    }
  }

  /** After a backslash. In a class, \b is a backspace and assertions are not allowed. */
  private escape(inClass: boolean): Node {
    const c = this.chars[this.i++];
    if (c === undefined) throw new PatternError("The pattern ends with a lone \\");
    if (/[1-9]/.test(c) || c === "k") throw new PatternError("Back-references like \\1 are not supported");
    if (c === "p" || c === "P") throw new PatternError("Unicode property classes (\\p{…}) are not supported");
    const classes: Record<string, Test> = { d: isDigit, D: not(isDigit), w: isWord, W: not(isWord), s: isSpace, S: not(isSpace) };
    if (classes[c]) return { t: "char", test: classes[c] as Test };
    if (!inClass && (c === "b" || c === "B")) return { t: "assert", kind: c === "b" ? "word" : "nonword" };
    const controls: Record<string, string> = { n: "\n", t: "\t", r: "\r", f: "\f", v: "\v", "0": "\0" };
    if (controls[c]) return literal(controls[c] as string);
    if (c === "u" || c === "x") {
      const len = c === "u" ? 4 : 2;
      const hex = this.chars.slice(this.i, this.i + len).join("");
      if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) throw new PatternError(`\\${c} needs ${len} hex digits`);
      this.i += len;
      return literal(String.fromCharCode(parseInt(hex, 16)));
    }
    if (/[a-zA-Z]/.test(c)) throw new PatternError(`Unknown escape \\${c}`);
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
      if (c === undefined) throw new PatternError("A [ is missing its ]");
      let lo: string;
      if (c === "\\") {
        const e = this.escape(true);
        if (e.t !== "char") throw new PatternError("Unsupported escape inside [ ]");
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
          if (single === null) throw new PatternError("A range in [ ] must end in one character");
          hi = single;
        }
        if (hi < lo) throw new PatternError(`The range ${lo}-${hi} is backwards`);
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

function compile(node: Node, program: Op[]): void {
  if (program.length > MAX_PROGRAM) throw new PatternError("The pattern is too complex; make it shorter or use fewer repeats");
  switch (node.t) {
    case "char":
      program.push({ op: "char", test: node.test });
      return;
    case "assert":
      program.push({ op: "assert", kind: node.kind });
      return;
    case "cat":
      for (const item of node.items) compile(item, program);
      return;
    case "alt": {
      const jumps: Array<{ op: "jmp"; x: number }> = [];
      node.options.forEach((option, i) => {
        if (i < node.options.length - 1) {
          const split: Op & { op: "split" } = { op: "split", x: program.length + 1, y: -1 };
          program.push(split);
          compile(option, program);
          const jmp = { op: "jmp" as const, x: -1 };
          jumps.push(jmp);
          program.push(jmp);
          split.y = program.length;
        } else compile(option, program);
      });
      for (const j of jumps) j.x = program.length;
      return;
    }
    case "rep": {
      for (let i = 0; i < node.min; i++) compile(node.node, program);
      if (node.max === Infinity) {
        const split: Op & { op: "split" } = { op: "split", x: program.length + 1, y: -1 };
        const loop = program.length;
        program.push(split);
        compile(node.node, program);
        program.push({ op: "jmp", x: loop });
        split.y = program.length;
        return;
      }
      const splits: Array<Op & { op: "split" }> = [];
      for (let i = node.min; i < node.max; i++) {
        const split: Op & { op: "split" } = { op: "split", x: program.length + 1, y: -1 };
        splits.push(split);
        program.push(split);
        compile(node.node, program);
      }
      for (const s of splits) s.y = program.length;
      return;
    }
  }
}

export interface SafePattern {
  source: string;
  /** True when the pattern occurs in the (already normalised) text; false when not, or past the step budget. */
  test(text: string): boolean;
}

/** Compiles a pattern or throws PatternError with a message for the settings form. */
export function compilePattern(source: string): SafePattern {
  if (!source.trim()) throw new PatternError("Enter a pattern");
  if ([...source].length > REGEX_MAX_LENGTH) throw new PatternError(`Patterns can have at most ${REGEX_MAX_LENGTH} characters`);
  const program: Op[] = [];
  compile(new Parser(source).parse(), program);
  program.push({ op: "match" });
  if (program.length > MAX_PROGRAM) throw new PatternError("The pattern is too complex; make it shorter or use fewer repeats");
  return { source, test: (text) => run(program, [...text]) };
}

function run(program: Op[], input: string[]): boolean {
  let steps = 0;
  const mark = new Int32Array(program.length).fill(-1);
  let current: number[] = [];
  let next: number[] = [];
  const isW = (i: number) => i >= 0 && i < input.length && isWord(input[i] as string);
  const add = (list: number[], start: number, pos: number, gen: number): boolean => {
    const stack = [start];
    while (stack.length) {
      const pc = stack.pop() as number;
      if (mark[pc] === gen) continue;
      mark[pc] = gen;
      if (++steps > STEP_BUDGET) throw new RangeError("step budget");
      const op = program[pc] as Op;
      switch (op.op) {
        case "jmp":
          stack.push(op.x);
          break;
        case "split":
          stack.push(op.y, op.x);
          break;
        case "assert": {
          const ok =
            op.kind === "bol" ? pos === 0 || input[pos - 1] === "\n" : op.kind === "eol" ? pos === input.length || input[pos] === "\n" : (isW(pos - 1) !== isW(pos)) === (op.kind === "word");
          if (ok) stack.push(pc + 1);
          break;
        }
        case "match":
          return true;
        default:
          list.push(pc);
      }
    }
    return false;
  };
  try {
    for (let pos = 0; pos <= input.length; pos++) {
      // Unanchored search: a new thread may start at every position.
      if (add(current, 0, pos, pos)) return true;
      if (pos === input.length) return false;
      next = [];
      const c = input[pos] as string;
      for (const pc of current) {
        const op = program[pc] as Op & { op: "char" };
        if (++steps > STEP_BUDGET) return false;
        if (op.test(c) && add(next, pc + 1, pos + 1, pos + 1)) return true;
      }
      current = next;
    }
  } catch (error) {
    if (error instanceof RangeError) return false;
    throw error;
  }
  return false;
}
