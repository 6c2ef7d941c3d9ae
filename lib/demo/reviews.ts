import { addMs, DAY, demoFaker, demoId, HOUR, timeBetween } from "./random";
import type { CampaignRow, GrantRow, PersonFacts, ReviewItemRow, TeamKey } from "./types";

const REVIEWED_TEAMS: TeamKey[] = ["site_reliability", "database"];

const REVOKE_REASONS = [
  "Moved off the on-call rotation; no longer needs this role",
  "Has not signed in for months",
  "Role is broader than the current job needs",
];

export interface ReviewPlan {
  campaigns: CampaignRow[];
  items: ReviewItemRow[];
}

/**
 * Generates last quarter's closed access review of the Site Reliability and Database teams. Each item is
 * decided by the person's manager, or by the Owner persona as fallback reviewer. A revoked item ends its
 * grant at the decision time, so `grants` is updated in place.
 */
export function buildReviews(seed: number, anchor: Date, people: PersonFacts[], grants: GrantRow[]): ReviewPlan {
  const faker = demoFaker(seed, "reviews");
  const owner = people.find((p) => p.persona === "owner")!.user.id;
  const byId = new Map(people.map((p) => [p.user.id, p]));
  const launchedAt = addMs(anchor, -75 * DAY + 9 * HOUR);
  const deadline = addMs(launchedAt, 14 * DAY);
  const closedAt = addMs(deadline, -HOUR);
  const quarter = Math.floor(launchedAt.getUTCMonth() / 3) + 1;

  const campaign: CampaignRow = {
    id: demoId(seed, "campaign", 0),
    name: `Q${quarter} ${launchedAt.getUTCFullYear()} access review: Site Reliability and Database`,
    status: "closed",
    deadline,
    undecidedPolicy: "keep_and_flag",
    fallbackReviewerId: owner,
    createdBy: owner,
    createdAt: addMs(launchedAt, -2 * DAY),
    launchedAt,
    closedAt,
  };

  const items: ReviewItemRow[] = [];
  for (const grant of grants) {
    const person = byId.get(grant.userId)!;
    if (!REVIEWED_TEAMS.includes(person.team)) continue;
    if (grant.grantedAt >= launchedAt || (grant.endedAt && grant.endedAt <= launchedAt)) continue;

    const manager = person.user.managerId ? byId.get(person.user.managerId) : undefined;
    const managerCanReview = manager && manager.user.id !== person.user.id && manager.user.status === "active" && manager.user.createdAt < launchedAt;
    const reviewerId = managerCanReview ? manager.user.id : owner;
    const decidedAt = timeBetween(faker, addMs(launchedAt, HOUR), addMs(closedAt, -HOUR));
    const stillHeld = !grant.endedAt || grant.endedAt > decidedAt;
    const revoke = stillHeld && person.user.status === "active" && faker.datatype.boolean({ probability: 0.04 });
    const reason = revoke ? faker.helpers.arrayElement(REVOKE_REASONS) : null;

    items.push({
      id: demoId(seed, "review_item", items.length),
      campaignId: campaign.id,
      userId: person.user.id,
      grantId: grant.id,
      roleId: grant.roleId,
      teamId: grant.teamId ?? null,
      reviewerId,
      decision: revoke ? "revoked" : "approved",
      decidedBy: reviewerId,
      decidedAt,
      reason,
      automatic: false,
    });

    if (revoke) {
      grant.endedAt = decidedAt;
      grant.endedBy = reviewerId;
      grant.endReason = `Revoked in access review: ${reason}`;
    }
  }
  return { campaigns: [campaign], items };
}
