// What an agency's TypeScript sync code relies on, compiled (strict) against the types openapi-typescript generates
// from the live schema (tests/api/test_typescript_types.py): a feed event's item is typed by its dataset, never
// `unknown`, and every operation's errors are typed problem details.
import type { components, operations } from "./types";

type FeedEvent = components["schemas"]["FeedEvent"];
type Problem = components["schemas"]["Problem"];

export function apply(copy: Map<string, object>, event: FeedEvent): void {
  if (event.action === "ended") {
    copy.delete(event.id);
    return;
  }
  if (event.dataset === "penalty" && event.item) {
    const decision: string = event.item.decision_number;
    copy.set(event.id, event.item);
    void decision;
  }
  if (event.dataset === "list_entry" && event.item) {
    const list: string = event.item.list;
    copy.set(event.id, event.item);
    void list;
  }
  if (event.dataset === "licence" && event.item) {
    copy.set(event.id, event.item);
  }
}

type NotFound = operations["get_penalty"]["responses"][404]["content"]["application/problem+json"];
type TooMany = operations["list_changes"]["responses"][429]["content"]["application/problem+json"];
const gone: Problem = { type: "https://gongshi.example/problems/gone", title: "Gone", status: 410, detail: "ended" };
export const notFound: NotFound = gone;
export const tooMany: TooMany = gone;

// Fails to compile if a penalty event's item were `unknown`.
type IsUnknown<T> = unknown extends T ? true : false;
export const itemIsTyped: IsUnknown<Extract<FeedEvent, { dataset: "penalty" }>["item"]> = false;
