// Composition root for the work a workspace serializes in its WorkspaceDO (like
// listeners.ts for domain events): the conversation core hosts these services
// without importing the features that implement them.
import { type AssignmentOutcome, type AssignmentRequest, AssignmentSerializer } from "./assignment/serializer";
import type { Bindings } from "./env";

export type { AssignmentOutcome, AssignmentRequest };

export interface WorkspaceServices {
  /** Automatic assignment: decisions run one at a time per workspace (src/assignment/serializer.ts). */
  assignment(request: AssignmentRequest): Promise<AssignmentOutcome>;
}

export function createWorkspaceServices(env: Bindings, storage: DurableObjectStorage): WorkspaceServices {
  let assigner: AssignmentSerializer | null = null;
  return {
    assignment: (request) => (assigner ??= new AssignmentSerializer(env, storage)).handle(request),
  };
}
