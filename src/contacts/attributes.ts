// What other features (workflow conditions and HTTP steps, routing) may read about
// a contact: its verified customer id from LINE account linking, its LINE
// membership, tags and custom field values by key. A merged contact id reads
// as its survivor.
export interface ContactAttributes {
  contactId: string;
  displayName: string | null;
  language: string | null;
  /** The business's customer id, when the customer linked their LINE account. */
  verifiedCustomerId: string | null;
  /** An active LINE membership (joined or renewed), else null. */
  membership: { membershipId: number; plan: string | null; status: "joined" | "renewed" } | null;
  tags: string[];
  fields: Record<string, string>;
}

export async function contactAttributes(d1: D1Database, workspaceId: string, contactId: string): Promise<ContactAttributes | null> {
  const contact = await d1
    .prepare("SELECT c.id, c.display_name, c.language FROM contacts c WHERE c.workspace_id = ?1 AND c.id = coalesce((SELECT merged_into_id FROM contacts WHERE id = ?2), ?2)")
    .bind(workspaceId, contactId)
    .first<{ id: string; display_name: string | null; language: string | null }>();
  if (!contact) return null;
  const [identities, tags, fields] = await Promise.all([
    d1.prepare("SELECT verified_customer_id, membership_id, membership_title, membership_status FROM contact_identities WHERE contact_id = ?1 ORDER BY coalesce(verified_at, 0) DESC, coalesce(membership_updated_at, 0) DESC").bind(contact.id).all<{ verified_customer_id: string | null; membership_id: number | null; membership_title: string | null; membership_status: string | null }>(),
    d1.prepare("SELECT t.name FROM contact_tags kt JOIN tags t ON t.id = kt.tag_id WHERE kt.contact_id = ?1 ORDER BY lower(t.name)").bind(contact.id).all<{ name: string }>(),
    d1.prepare("SELECT f.key, v.value FROM contact_field_values v JOIN custom_fields f ON f.id = v.field_id WHERE v.contact_id = ?1").bind(contact.id).all<{ key: string; value: string }>(),
  ]);
  const verified = identities.results.find((i) => i.verified_customer_id)?.verified_customer_id ?? null;
  const member = identities.results.find((i) => i.membership_status === "joined" || i.membership_status === "renewed");
  return {
    contactId: contact.id,
    displayName: contact.display_name,
    language: contact.language,
    verifiedCustomerId: verified,
    membership: member && member.membership_id !== null ? { membershipId: member.membership_id, plan: member.membership_title, status: member.membership_status as "joined" | "renewed" } : null,
    tags: tags.results.map((r) => r.name),
    fields: Object.fromEntries(fields.results.map((r) => [r.key, r.value])),
  };
}
