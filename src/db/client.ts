// The drizzle client over the D1 binding.
import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

function create(d1: D1Database) {
  return drizzle(d1, { schema });
}
export type Db = ReturnType<typeof create>;

// One client per binding: building drizzle's schema maps on every call showed up in profiles.
const clients = new WeakMap<D1Database, Db>();

export function db(d1: D1Database): Db {
  let client = clients.get(d1);
  if (!client) {
    client = create(d1);
    clients.set(d1, client);
  }
  return client;
}
export { schema };
