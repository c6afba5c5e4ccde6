// Everything the contact panel shows, read in parallel.
import type { MentionableAgent } from "../mentions";
import { type ContactIdentity, type ContactProfile, contactHistory, contactIdentities, type HistoryItem } from "./contact";
import { contactFields, type FieldWithValue } from "./fields";
import { contactNotes, mentionableAgents, type NoteView } from "./notes";
import { contactTags, type TagView, workspaceTags } from "./tags";
import { contactRatings, type ContactRatings } from "../../csat/contact-ratings";

export interface ContactPanelData {
  contact: ContactProfile;
  identities: ContactIdentity[];
  tags: TagView[];
  allTags: TagView[];
  fields: FieldWithValue[];
  notes: NoteView[];
  agents: MentionableAgent[];
  history: HistoryItem[];
  /** CSAT answers of this contact (src/csat/). */
  ratings: ContactRatings;
}

export async function loadContactPanel(d1: D1Database, workspaceId: string, contact: ContactProfile): Promise<ContactPanelData> {
  const [identities, tags, allTags, fields, notes, agents, history, ratings] = await Promise.all([
    contactIdentities(d1, contact.id),
    contactTags(d1, contact.id),
    workspaceTags(d1, workspaceId),
    contactFields(d1, workspaceId, contact.id),
    contactNotes(d1, workspaceId, contact.id),
    mentionableAgents(d1, workspaceId),
    contactHistory(d1, workspaceId, contact.id),
    contactRatings(d1, workspaceId, contact.id),
  ]);
  return { contact, identities, tags, allTags, fields, notes, agents, history, ratings };
}
