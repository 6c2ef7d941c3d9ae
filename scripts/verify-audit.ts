import { database } from "@/db";
import { verifyAuditChain } from "@/lib/services/audit/verify";

// Recomputes the audit log's hash chain and exits with 1 at the first event that was edited,
// deleted or inserted out of order.
const report = await verifyAuditChain();
if (report.ok) {
  console.log(`Audit log intact: ${report.checked} events verified.`);
} else {
  console.error(`Audit log broken at event ${report.firstBrokenId}: ${report.problem}. ${report.checked} events before it verified.`);
  process.exitCode = 1;
}
await database().close();
