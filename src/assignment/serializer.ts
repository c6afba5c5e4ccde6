// Assignment decisions, made one at a time per workspace inside its WorkspaceDO
// (the hook in conversations/workspace-do.ts). A Durable Object interleaves
// requests whenever it awaits D1 or another object, so two conversations
// arriving together could both read "Aiko has 2 of 3" and both go to her; the
// chain below runs each decision to its end (open counts read, conversation
// assigned, D1 index written by the triage path) before the next one reads.
// The round-robin cursor per team lives in this object's storage.
import type { Bindings } from "../env";
import { type AssignedBy, waitingForAgent } from "../conversations/model";
import { conversationStub } from "../conversations/service";
import { pickAgent } from "./picker";
import { type AutoMode, loadPolicy } from "./policy";
import { channelOpen, conversationChannel, dequeue, enqueue, teamAgents, teamName, teamsWithQueue, waiting } from "./queries";

export type AssignmentRequest =
  | {
      kind: "assign";
      workspaceId: string;
      conversationId: string;
      /** The team whose policy decides; null: the conversation's own team. */
      teamId: string | null;
      channelId?: string | null;
      /** Use this mode instead of the team's (workflows); the team's capacity still applies. */
      rule?: AutoMode;
      /** Put the conversation in `teamId` first when it is in another team or none (workflows). */
      moveToTeam?: boolean;
      /** Not this agent: they just gave the conversation back. */
      exclude?: string | null;
      /** The workflow that asks, for the system line ("by <workflow>"). */
      workflow?: string;
    }
  | { kind: "drain"; workspaceId: string; teamIds?: string[]; forUser?: string };

export type AssignResult = "assigned" | "queued" | "closed" | "manual" | "not_waiting";

export interface AssignmentOutcome {
  result: AssignResult;
  assignee?: { id: string; name: string };
  /** drain: how many waiting conversations found an agent. */
  assigned?: number;
}

/** Waiting conversations looked at per team per drain (the rest wait for the next free-up or the minute cron). */
const DRAIN_BATCH = 50;

export class AssignmentSerializer {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly env: Bindings,
    private readonly storage: DurableObjectStorage,
  ) {}

  /** Runs `request` after every decision asked before it has finished. */
  handle(request: AssignmentRequest): Promise<AssignmentOutcome> {
    const run = () => (request.kind === "assign" ? this.assign(request) : this.drain(request));
    const next = this.tail.then(run, run);
    this.tail = next.catch(() => undefined);
    return next;
  }

  private async assign(req: Extract<AssignmentRequest, { kind: "assign" }>, now = Date.now()): Promise<AssignmentOutcome> {
    const d1 = this.env.DB;
    const stub = conversationStub(this.env, req.conversationId);
    const thread = await stub.thread({ limit: 1 });
    if (!thread.messages.length) return { result: "not_waiting" };
    let triage = thread.triage;
    const teamId = req.teamId ?? triage.teamId;
    if (!teamId || !waitingForAgent(triage)) {
      await dequeue(d1, req.conversationId);
      return { result: "not_waiting" };
    }
    const policy = await loadPolicy(d1, req.workspaceId, teamId);
    const mode = req.rule ?? (policy.mode === "manual" ? null : policy.mode);
    const name = triage.teamId === teamId ? triage.teamName : await teamName(d1, req.workspaceId, teamId);
    if (name === null) {
      // The team was deleted: nobody's queue holds it any more.
      await dequeue(d1, req.conversationId);
      return { result: "not_waiting" };
    }
    if (triage.teamId !== teamId) {
      if (!req.moveToTeam) {
        await dequeue(d1, req.conversationId);
        return { result: "not_waiting" };
      }
      triage = (await stub.triage({ kind: "team", team: { id: teamId, name } }, actor(teamId, req.workflow ?? name))).triage;
    }
    if (mode === null) {
      await dequeue(d1, req.conversationId);
      return { result: "manual" };
    }
    const channelId = req.channelId ?? (await conversationChannel(d1, req.conversationId));
    const queued = { conversationId: req.conversationId, workspaceId: req.workspaceId, teamId, channelId: channelId ?? "", waitingSince: now, excludedUserId: req.exclude ?? null };
    if (channelId !== null && !(await channelOpen(d1, channelId, now))) {
      await enqueue(d1, queued);
      return { result: "closed" };
    }
    const online = (await teamAgents(d1, req.workspaceId, teamId)).filter((a) => a.availability === "online");
    const lastPicked = (await this.storage.get<string>(cursorKey(teamId))) ?? null;
    const agent = pickAgent({ mode, capacity: policy.capacity, candidates: online, lastPicked, exclude: req.exclude });
    if (!agent) {
      await enqueue(d1, queued);
      return { result: "queued" };
    }
    const by: AssignedBy = req.workflow ? { kind: "workflow", name: req.workflow } : { kind: "policy", mode, team: name };
    // The reads above took a while: an agent may have taken it (or resolved it) meanwhile.
    const after = await stub.triage({ kind: "assign", assignee: { id: agent.id, name: agent.name }, by, onlyIfWaiting: true }, actor(teamId, req.workflow ?? name));
    await dequeue(d1, req.conversationId);
    if (after.triage.assigneeId !== agent.id) return { result: "not_waiting" };
    await this.storage.put(cursorKey(teamId), agent.id);
    return { result: "assigned", assignee: { id: agent.id, name: agent.name } };
  }

  /** Gives waiting conversations (oldest first) to whoever is free now, team by team. */
  private async drain(req: Extract<AssignmentRequest, { kind: "drain" }>): Promise<AssignmentOutcome> {
    const d1 = this.env.DB;
    const teams = req.teamIds ?? (await teamsWithQueue(d1, req.workspaceId, req.forUser));
    let assigned = 0;
    for (const teamId of teams) {
      const policy = await loadPolicy(d1, req.workspaceId, teamId);
      if (policy.mode === "manual") continue;
      for (const row of await waiting(d1, req.workspaceId, teamId, DRAIN_BATCH)) {
        const outcome = await this.assign({ kind: "assign", workspaceId: req.workspaceId, conversationId: row.conversationId, teamId, channelId: row.channelId || null, exclude: row.excludedUserId });
        if (outcome.result === "assigned") assigned++;
        // Nobody free for a conversation anyone may take: nobody is free for the rest either.
        if (outcome.result === "queued" && row.excludedUserId === null) break;
      }
    }
    return { result: assigned ? "assigned" : "queued", assigned };
  }
}

function cursorKey(teamId: string): string {
  return `assignment:last:${teamId}`;
}

/** Who the system line and audit entry name: the policy (or workflow), with the automation origin. */
function actor(teamId: string, name: string) {
  return { id: null, name, origin: { kind: "automation" as const, rule: `assignment:${teamId}` } };
}
