// Links the contacts feature contributes to other navigation (the settings nav).

/** The custom contact fields admin page (admins and owners). */
export const contactFieldsNavEntry = { href: "/contacts/fields", label: "Contact fields" } as const;
