// Keyword patterns ("regular expression" match mode) on a linear-time matcher.
// JavaScript's RegExp backtracks, so a pattern like (a+)+$ can hang the Worker
// on one customer message, and a Worker cannot interrupt a running RegExp. We
// compile the usual syntax (literals, ., classes, \d \w \s \b, ^ $, groups,
// |, * + ? {n,m}) to a small program and run it as a Pike VM: every input
// character is looked at once per program state, so the time is bounded by
// pattern size × input size, and a step budget caps even that.
// Back-references and lookarounds (which need backtracking) are refused on save.

import { isWord, type Node, Parser, PatternError, type Test } from "./regex-parser";

export { PatternError };

export const REGEX_MAX_LENGTH = 200;
const MAX_PROGRAM = 2000;
/** Upper bound of VM steps per match; past it the pattern simply does not match. */
const STEP_BUDGET = 200_000;

type Op =
  | { op: "char"; test: Test }
  | { op: "split"; x: number; y: number }
  | { op: "jmp"; x: number }
  | { op: "assert"; kind: "bol" | "eol" | "word" | "nonword" }
  | { op: "match" };

function compile(node: Node, program: Op[]): void {
  if (program.length > MAX_PROGRAM) throw new PatternError("automation.pattern.tooComplex");
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
  if (!source.trim()) throw new PatternError("automation.pattern.empty");
  if ([...source].length > REGEX_MAX_LENGTH) throw new PatternError("automation.pattern.tooLong", { max: REGEX_MAX_LENGTH });
  const program: Op[] = [];
  compile(new Parser(source).parse(), program);
  program.push({ op: "match" });
  if (program.length > MAX_PROGRAM) throw new PatternError("automation.pattern.tooComplex");
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
