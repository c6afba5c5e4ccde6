// A workflow run as the conversation keeps it (WorkflowPort.loadRun/saveRun):
// the pinned definition (a run keeps the version it started with), where it is,
// what it waits for, the answers so far, and the recent starts that loop
// protection counts.
import type { Bindings } from "../env";
import type { WorkflowDefinition } from "./definition";
import type { WorkflowActor, WorkflowPort } from "./port";
import { type LogKind, recordRun, type RunRecord, type RunStatus } from "./store";

export interface RunState {
  runId: string;
  workflowId: string;
  workflowName: string;
  versionId: string;
  version: number;
  definition: WorkflowDefinition;
  stepId: string | null;
  waiting: { kind: "question"; stepId: string; attempts: number } | { kind: "wait"; stepId: string } | null;
  answers: Record<string, string>;
  startedBy: string;
  startedAt: number;
  /** When the triggering event happened: customer messages up to then are not answers (the opening "hi"). */
  triggerAt?: number;
}

/** What the conversation stores under one key: the active run, and when runs started lately. */
export interface StoredWorkflows {
  run: RunState | null;
  starts: number[];
  /** Ids of the latest domain events handled: a retried event job changes nothing twice. */
  handled?: string[];
}

/** At most this many runs start in one conversation per hour: two workflows cannot feed each other forever. */
export const MAX_STARTS_PER_HOUR = 10;
/** At most this many steps run without waiting for the customer (a goto loop ends here). */
export const MAX_STEPS_PER_TURN = 50;

export interface EngineContext {
  port: WorkflowPort;
  env: Pick<Bindings, "DB" | "APP_SECRET">;
  fetcher: typeof fetch;
  now: () => number;
}

/** One turn of a run (a start, an answer, a timer): its log lines, written to D1 at the end. */
export class Turn {
  readonly log: Array<{ stepId: string | null; kind: LogKind; detail: string; at: number }> = [];
  status: RunStatus = "running";

  constructor(
    readonly ctx: EngineContext,
    readonly run: RunState,
    readonly conversationId: string,
    readonly workspaceId: string,
  ) {}

  get actor(): WorkflowActor {
    return { name: `Workflow · ${this.run.workflowName}`.slice(0, 120), origin: { kind: "automation", workflowId: this.run.workflowId } };
  }

  add(kind: LogKind, detail: string, stepId: string | null = this.run.stepId): void {
    // Strictly increasing times keep the log in the order things happened (it is read by time).
    const last = this.log.at(-1)?.at ?? 0;
    this.log.push({ stepId, kind, detail, at: Math.max(this.ctx.now(), last + 1) });
  }

  record(): RunRecord {
    const r = this.run;
    return { id: r.runId, workspaceId: this.workspaceId, workflowId: r.workflowId, versionId: r.versionId, version: r.version, conversationId: this.conversationId, status: this.status, stepId: r.stepId, startedBy: r.startedBy, answers: r.answers, startedAt: r.startedAt };
  }

  /** Writes the run row and this turn's log; a D1 failure is logged, never breaks the run. */
  async flush(): Promise<void> {
    try {
      await recordRun(this.ctx.env.DB, this.record(), this.log, this.ctx.now());
    } catch (error) {
      console.warn("workflows: run log not written", this.run.runId, error instanceof Error ? error.message : error);
    }
  }
}
