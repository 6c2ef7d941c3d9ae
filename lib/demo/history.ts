import type { AuditAction } from "@/lib/services/audit/actions";
import { adminAt, administrators } from "./grants";
import type { IncidentPlan } from "./incidents";
import type { ReviewPlan } from "./reviews";
import { addMs, DAY, demoFaker, demoId, MINUTE, SECOND } from "./random";
import type { AuditDraft, GrantRow, PersonFacts } from "./types";

const USER_AGENTS = [
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
];

// Documentation address ranges (RFC 5737), so no generated address belongs to anyone.
const NETWORKS = ["192.0.2", "198.51.100", "203.0.113"];

const IDP = { actorType: "scim" as const, actorId: null, actorName: "Okta SCIM", ip: "203.0.113.10", userAgent: "Okta SCIM Client 1.0" };

// Users seen within this many days before the anchor get a sign-in event at their last activity.
const SIGN_IN_WINDOW_DAYS = 14;

type Actor = Pick<AuditDraft, "actorType" | "actorId" | "actorName" | "ip" | "userAgent">;

interface HistoryInput {
  seed: number;
  anchor: Date;
  goLive: Date;
  people: PersonFacts[];
  grants: GrantRow[];
  incidents: IncidentPlan;
  reviews: ReviewPlan;
}

/**
 * Derives the audit history from the generated organization: who created each account and grant,
 * suspensions, deactivations, ended and expired grants, every incident status change, the access review
 * and recent sign-ins. Events are returned in time order, ready to be chained.
 */
export function buildHistory(input: HistoryInput): AuditDraft[] {
  const { seed, anchor, people, grants } = input;
  const faker = demoFaker(seed, "history");
  const byId = new Map(people.map((p) => [p.user.id, p]));
  const admins = administrators(people);
  const owner = people.find((p) => p.persona === "owner")!;
  const admin = people.find((p) => p.persona === "admin")!;
  const events: AuditDraft[] = [];
  let requests = 0;

  const client = new Map<string, { ip: string; userAgent: string }>();
  const userActor = (userId: string): Actor => {
    const person = byId.get(userId)!;
    if (!client.has(userId)) {
      client.set(userId, { ip: `${faker.helpers.arrayElement(NETWORKS)}.${faker.number.int({ min: 1, max: 254 })}`, userAgent: faker.helpers.arrayElement(USER_AGENTS) });
    }
    return { actorType: "user", actorId: userId, actorName: person.user.name, ...client.get(userId)! };
  };
  const systemActor = (name: string): Actor => ({ actorType: "system", actorId: null, actorName: name, ip: null, userAgent: null });

  const emit = (occurredAt: Date, action: AuditAction, actor: Actor, target: { type: string; id: string }, before: object | null, after: object | null, requestId?: string) => {
    events.push({
      occurredAt,
      action,
      ...actor,
      targetType: target.type,
      targetId: target.id,
      before: before as Record<string, unknown> | null,
      after: after as Record<string, unknown> | null,
      requestId: requestId ?? demoId(seed, "request", requests++),
    });
  };

  // Accounts: SCIM provisioning, the roster import at go-live, and administrators adding the rest.
  const csvImport = demoId(seed, "request", "csv-import");
  const imported = new Set(people.filter((p) => p.user.source === "csv" && p.user.createdAt.getTime() < input.goLive.getTime() + DAY));
  if (imported.size) {
    const at = addMs(input.goLive, -SECOND);
    emit(at, "user.import", userActor(admin.user.id), { type: "import", id: csvImport }, null, { fileName: "roster.csv", created: imported.size }, csvImport);
  }
  for (const person of people) {
    const u = person.user;
    const actor = !person.persona && u.source === "scim" ? IDP : creatorOf(person);
    const after = { email: u.email, name: u.name, title: u.title, teamId: u.teamId, managerId: u.managerId, employmentType: u.employmentType, endDate: u.endDate, source: u.source };
    emit(u.createdAt, "user.create", actor, { type: "user", id: u.id }, null, after, imported.has(person) ? csvImport : undefined);
  }

  for (const grant of grants) {
    let actor: Actor = systemActor("setup");
    if (grant.source === "scim_group") actor = IDP;
    else if (grant.grantedBy) actor = userActor(grant.grantedBy);
    const after = { userId: grant.userId, roleId: grant.roleId, teamId: grant.teamId, expiresAt: grant.expiresAt, source: grant.source, reason: grant.reason };
    emit(grant.grantedAt, "grant.create", actor, { type: "grant", id: grant.id }, null, after);
  }

  for (const person of people) {
    const u = person.user;
    if (person.suspendedAt) {
      const by = userActor(adminAt(faker, admins, person.suspendedAt, u.id));
      emit(person.suspendedAt, "user.suspend", by, { type: "user", id: u.id }, { status: "active" }, { status: "suspended", reason: "Suspended during a security investigation" });
    }
    if (u.deactivatedAt) {
      const contractEnded = u.employmentType !== "employee";
      const by = contractEnded ? systemActor("job:offboarding") : userActor(adminAt(faker, admins, u.deactivatedAt, u.id));
      const reason = contractEnded ? "Contract ended" : "Left the company";
      emit(u.deactivatedAt, "user.deactivate", by, { type: "user", id: u.id }, { status: "active" }, { status: "deactivated", reason });
    }
  }

  for (const grant of grants) {
    if (!grant.endedAt) continue;
    const target = { type: "grant", id: grant.id };
    const before = { userId: grant.userId, roleId: grant.roleId, teamId: grant.teamId, expiresAt: grant.expiresAt };
    const after = { endedAt: grant.endedAt, endReason: grant.endReason };
    // A second later than the decision or deactivation that caused it, so the cause comes first.
    const at = addMs(grant.endedAt, SECOND);
    if (grant.endReason === "expired") emit(at, "grant.expire", systemActor("job:grants.expire"), target, before, after);
    else emit(at, "grant.end", grant.endedBy ? userActor(grant.endedBy) : systemActor("job:offboarding"), target, before, after);
  }

  for (const incident of input.incidents.incidents) {
    const steps = input.incidents.timelines.get(incident.id)!;
    const target = { type: "incident", id: incident.id };
    steps.forEach((step, i) => {
      if (i === 0) {
        const after = {
          number: incident.number,
          title: incident.title,
          severity: incident.severity,
          status: step.status,
          teamId: incident.teamId,
          assigneeId: incident.assigneeId,
          commanderId: incident.commanderId,
        };
        emit(step.at, "incident.create", systemActor("alerting"), target, null, after);
        return;
      }
      const actor = userActor(step.by!);
      const before = { status: steps[i - 1].status };
      if (step.status === "closed") emit(step.at, "incident.close", actor, target, before, { status: "closed", severity: incident.severity });
      else emit(step.at, "incident.update", actor, target, before, { status: step.status });
    });
  }

  for (const campaign of input.reviews.campaigns) {
    const target = { type: "review_campaign", id: campaign.id };
    const items = input.reviews.items.filter((i) => i.campaignId === campaign.id);
    emit(campaign.launchedAt!, "review.launch", userActor(owner.user.id), target, null, { name: campaign.name, deadline: campaign.deadline, items: items.length });
    for (const item of items) {
      const after = { decision: item.decision, reason: item.reason, userId: item.userId, grantId: item.grantId, roleId: item.roleId };
      emit(item.decidedAt!, "review.decide", userActor(item.decidedBy!), { type: "review_item", id: item.id }, { decision: "pending" }, after);
    }
    const revoked = items.filter((i) => i.decision === "revoked").length;
    emit(campaign.closedAt!, "review.close", userActor(owner.user.id), target, { status: "active" }, { status: "closed", approved: items.length - revoked, revoked });
  }

  for (const person of people) {
    const seen = person.user.lastActiveAt;
    if (person.user.status !== "active" || !seen || seen.getTime() < anchor.getTime() - SIGN_IN_WINDOW_DAYS * DAY) continue;
    const at = addMs(seen, -faker.number.int({ min: 1, max: 120 }) * MINUTE);
    const method = person.persona ? "password" : "sso";
    emit(at, "auth.sign_in", userActor(person.user.id), { type: "user", id: person.user.id }, null, { method });
  }

  // Stable sort: events at the same instant keep the order in which their causes were generated.
  return events.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());

  // The Owner persona set up Warden and created the Admin persona; the roster import ran as the Admin.
  function creatorOf(person: PersonFacts): Actor {
    if (person.persona === "owner") return systemActor("setup");
    if (person.persona === "admin") return userActor(owner.user.id);
    if (imported.has(person)) return userActor(admin.user.id);
    return userActor(adminAt(faker, admins, person.user.createdAt, person.user.id));
  }
}
