import { parseAsInteger, parseAsString, parseAsStringLiteral } from "nuqs";

export const USER_SORTS = ["name", "email", "status", "created", "lastActive"] as const;

// The user directory's URL state, as the browser edits it. The defaults match those of
// userListQuery, which parses the same keys again on the server.
export const userSearchParams = {
  page: parseAsInteger.withDefault(1),
  perPage: parseAsInteger.withDefault(50),
  sort: parseAsStringLiteral(USER_SORTS).withDefault("name"),
  dir: parseAsStringLiteral(["asc", "desc"] as const).withDefault("asc"),
  q: parseAsString.withDefault(""),
  status: parseAsString,
  team: parseAsString,
  role: parseAsString,
};
