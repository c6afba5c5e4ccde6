// Tags on contacts: the workspace's one tag list (src/tags/store.ts), shared with
// conversations and managed in Settings → Tags. Re-exported for the contact panel.
export { contactTags, findOrCreateTag, findTag, tagContact, type TagView, untagContact, workspaceTags } from "../../tags/store";
